import { fileURLToPath } from "node:url";
import { drawMeCard, drawSeasonCard, drawTopCard, type CardDrawing } from "../../src/cards/index.ts";
import { meEn, meRuEdge, seasonEn, seasonRuShort, topEn, topRuOutside } from "./fixtures.ts";

/** Each golden card: its file name (without `.png`) and how to draw it from fixed data. */
export const CARD_CASES: readonly { readonly name: string; readonly draw: () => CardDrawing }[] = [
  { name: "me-en", draw: () => drawMeCard(meEn) },
  { name: "me-ru-edge", draw: () => drawMeCard(meRuEdge) },
  { name: "top-en", draw: () => drawTopCard(topEn) },
  { name: "top-ru-caller-outside", draw: () => drawTopCard(topRuOutside) },
  { name: "season-en", draw: () => drawSeasonCard(seasonEn) },
  { name: "season-ru-two-players", draw: () => drawSeasonCard(seasonRuShort) },
];

/** Where the committed golden PNG of a case lives. */
export function goldenPath(name: string): string {
  return fileURLToPath(new URL(`./goldens/${name}.png`, import.meta.url));
}
