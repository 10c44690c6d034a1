import { fileURLToPath } from "node:url";
import { GlobalFonts } from "@napi-rs/canvas";

/**
 * The one font family the cards use: Inter (SIL OFL 1.1, see assets/fonts/OFL.txt),
 * bundled in the repo and registered under its own alias, so a machine without
 * fonts draws the same picture and no installed font is ever picked by name.
 */
export const CARD_FONT = "MemquizInter";

const FILES = ["Inter-Regular.ttf", "Inter-Bold.ttf"] as const;
let registered = false;

/** Registers the bundled font files once; throws if a file is missing or unreadable. */
export function ensureCardFont(): void {
  if (registered) return;
  for (const file of FILES) {
    const path = fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url));
    if (GlobalFonts.registerFromPath(path, CARD_FONT) === null) throw new Error(`cards: cannot load the font ${path}`);
  }
  registered = true;
}

/** A CSS font string in the card family: weight 400 or 700, size in px. */
export function cardFont(size: number, bold: boolean): string {
  return `${bold ? 700 : 400} ${size}px ${CARD_FONT}`;
}
