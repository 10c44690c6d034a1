import { cardLabels } from "./labels.ts";
import { Painter, type CardDrawing } from "./painter.ts";
import { drawRow, drawRowHeader, drawSeparator, ROW_STEP, SEPARATOR_H } from "./rows.ts";
import { CARD_WIDTH, medalColour, PAD, THEME } from "./theme.ts";
import type { TopCardData } from "./types.ts";

const HEADER_H = 118;
const ROWS_TOP = HEADER_H + 30;

/** Draws the `/top` card: chat and period, the top rows, and the caller's row after a gap when further down. */
export function drawTopCard(data: TopCardData): CardDrawing {
  const t = cardLabels(data.lang);
  const body = data.rows.length === 0 ? 60 : data.rows.length * ROW_STEP + (data.callerRow ? SEPARATOR_H + ROW_STEP : 0);
  const p = new Painter(CARD_WIDTH, ROWS_TOP + body + PAD - 6, THEME.background, data.lang);
  const inner = CARD_WIDTH - 2 * PAD;
  p.text(data.chatTitle, { x: PAD, y: 28, w: inner, h: 44 }, { size: 32, bold: true, color: THEME.text, minSize: 22 });
  p.text(`${t.leaderboard} · ${data.periodLabel}`, { x: PAD, y: 74, w: inner, h: 26 }, { size: 18, color: THEME.accent, minSize: 14 });
  if (data.rows.length === 0) {
    p.text(t.noPoints, { x: PAD, y: ROWS_TOP, w: inner, h: 60 }, { size: 20, color: THEME.muted, align: "center" });
    return p.finish();
  }
  drawRowHeader(p, HEADER_H, t.rankHeader, t.player, t.pointsHeader);
  let y = ROWS_TOP;
  for (const row of data.rows) {
    drawRow(p, row, y, { lang: data.lang, medal: row.rank <= 3 ? medalColour(row.rank - 1) : undefined, callerTag: row.isCaller ? t.you : undefined });
    y += ROW_STEP;
  }
  if (data.callerRow) {
    drawSeparator(p, y);
    drawRow(p, data.callerRow, y + SEPARATOR_H, { lang: data.lang, callerTag: t.you });
  }
  return p.finish();
}

/** The `/top` card as PNG bytes. */
export function renderTopCard(data: TopCardData): Buffer {
  return drawTopCard(data).png;
}
