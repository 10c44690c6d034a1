import { cardLabels, type CardLabels } from "./labels.ts";
import { Painter, type CardDrawing } from "./painter.ts";
import { drawRow, ROW_STEP } from "./rows.ts";
import { CARD_WIDTH, medalColour, PAD, THEME } from "./theme.ts";
import type { CardRow, SeasonCardData } from "./types.ts";

const PODIUM_BOTTOM = 400;
const COLUMN_W = 224;
const COLUMN_GAP = (CARD_WIDTH - 2 * PAD - 3 * COLUMN_W) / 2;
/** Left to right: second, first, third; with each step's height. */
const STEPS: readonly { readonly place: number; readonly height: number }[] = [
  { place: 1, height: 110 },
  { place: 0, height: 150 },
  { place: 2, height: 80 },
];

/** The three podium steps; an empty place shows a dash. */
function drawPodium(p: Painter, rows: readonly CardRow[], t: CardLabels): void {
  STEPS.forEach(({ place, height }, column) => {
    const x = PAD + column * (COLUMN_W + COLUMN_GAP);
    const top = PODIUM_BOTTOM - height;
    const medal = medalColour(place) ?? THEME.muted;
    const row = rows[place];
    p.text(row?.name ?? "—", { x, y: top - 68, w: COLUMN_W, h: 30 }, { size: 20, bold: true, color: THEME.text, align: "center", minSize: 15 });
    if (row) p.text(t.points(row.points), { x, y: top - 38, w: COLUMN_W, h: 24 }, { size: 16, color: THEME.muted, align: "center", minSize: 12 });
    p.rect({ x, y: top, w: COLUMN_W, h: height }, THEME.panel, 12);
    p.rect({ x, y: top, w: COLUMN_W, h: 8 }, medal, 4);
    p.text(String(row?.rank ?? place + 1), { x, y: top + 16, w: COLUMN_W, h: 60 }, { size: 48, bold: true, color: medal, align: "center", minSize: 24 });
  });
}

/** Draws the season card: the season and chat, the podium, and places 4-10 below it. */
export function drawSeasonCard(data: SeasonCardData): CardDrawing {
  const t = cardLabels(data.lang);
  const rest = data.rows.slice(3);
  const height = PODIUM_BOTTOM + (rest.length > 0 ? 24 + rest.length * ROW_STEP - 6 : data.rows.length === 0 ? 84 : 0) + PAD;
  const p = new Painter(CARD_WIDTH, height, THEME.background, data.lang);
  const inner = CARD_WIDTH - 2 * PAD;
  p.text(t.seasonWinners, { x: PAD, y: 26, w: inner, h: 24 }, { size: 17, bold: true, color: THEME.accent, minSize: 13 });
  p.text(data.seasonLabel, { x: PAD, y: 52, w: inner, h: 46 }, { size: 34, bold: true, color: THEME.text, minSize: 22 });
  p.text(data.chatTitle, { x: PAD, y: 98, w: inner, h: 26 }, { size: 18, color: THEME.muted, minSize: 14 });
  drawPodium(p, data.rows, t);
  if (data.rows.length === 0) p.text(t.noPoints, { x: PAD, y: PODIUM_BOTTOM + 24, w: inner, h: 60 }, { size: 20, color: THEME.muted, align: "center" });
  let y = PODIUM_BOTTOM + 24;
  for (const row of rest) {
    drawRow(p, row, y, { lang: data.lang });
    y += ROW_STEP;
  }
  return p.finish();
}

/** The season card as PNG bytes. */
export function renderSeasonCard(data: SeasonCardData): Buffer {
  return drawSeasonCard(data).png;
}
