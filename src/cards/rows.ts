import { formatCount } from "./labels.ts";
import type { Painter } from "./painter.ts";
import { CARD_WIDTH, PAD, THEME } from "./theme.ts";
import type { CardLang, CardRow } from "./types.ts";

/** Height of one standings row, in px. */
export const ROW_H = 46;
/** From one row's top to the next one's. */
export const ROW_STEP = ROW_H + 6;
/** Height of the `⋯` gap before a caller's row from further down. */
export const SEPARATOR_H = 30;

const INNER = CARD_WIDTH - 2 * PAD;
const NAME_X = PAD + 64;
const POINTS_W = 150;
const POINTS_X = CARD_WIDTH - PAD - 8 - POINTS_W;

/** How a row stands out: a medal for the podium, a highlight and a tag for the caller. */
export interface RowLook {
  readonly lang: CardLang;
  readonly medal?: string | undefined;
  /** The tag after the caller's name (`you`), or undefined for other rows. */
  readonly callerTag?: string | undefined;
}

/** The column titles above the rows. */
export function drawRowHeader(p: Painter, y: number, rank: string, player: string, points: string): void {
  const style = { size: 13, color: THEME.muted } as const;
  p.text(rank, { x: PAD, y, w: 48, h: 20 }, { ...style, align: "center" });
  p.text(player, { x: NAME_X, y, w: POINTS_X - NAME_X - 16, h: 20 }, style);
  p.text(points, { x: POINTS_X, y, w: POINTS_W, h: 20 }, { ...style, align: "right" });
}

/** One standings row at `y`: rank (on a medal for the podium), name and points. */
export function drawRow(p: Painter, row: CardRow, y: number, look: RowLook): void {
  const caller = look.callerTag !== undefined;
  p.rect({ x: PAD - 8, y, w: INNER + 16, h: ROW_H }, caller ? THEME.callerFill : THEME.panel, 10);
  if (caller) p.outline({ x: PAD - 8, y, w: INNER + 16, h: ROW_H }, THEME.accent, 2, 10);
  const rankBox = { x: PAD, y, w: 48, h: ROW_H };
  if (look.medal) {
    p.circle(rankBox.x + rankBox.w / 2, y + ROW_H / 2, 16, look.medal);
    p.text(String(row.rank), { x: rankBox.x + 10, y, w: rankBox.w - 20, h: ROW_H }, { size: 15, bold: true, color: THEME.onMedal, align: "center", minSize: 10 });
  } else {
    p.text(String(row.rank), rankBox, { size: 16, bold: true, color: THEME.muted, align: "center", minSize: 11 });
  }
  const tagW = caller ? 56 : 0;
  const name = p.text(row.name, { x: NAME_X, y, w: POINTS_X - NAME_X - 16 - tagW, h: ROW_H }, { size: 18, color: THEME.text, minSize: 14 });
  if (look.callerTag !== undefined) {
    const tag = { x: name.x + name.width + 10, y: y + 12, w: tagW - 10, h: ROW_H - 24 };
    p.rect(tag, THEME.accent, 11);
    p.text(look.callerTag, { x: tag.x + 4, y: tag.y, w: tag.w - 8, h: tag.h }, { size: 12, bold: true, color: THEME.onMedal, align: "center", minSize: 9 });
  }
  p.text(formatCount(row.points, look.lang), { x: POINTS_X, y, w: POINTS_W, h: ROW_H }, { size: 18, bold: true, color: THEME.text, align: "right", minSize: 13 });
}

/** The `⋯` between the top rows and a caller's row from further down. */
export function drawSeparator(p: Painter, y: number): void {
  for (const dx of [-12, 0, 12]) p.circle(CARD_WIDTH / 2 + dx, y + SEPARATOR_H / 2 - 3, 3, THEME.muted);
}
