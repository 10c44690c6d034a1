import { cardLabels, formatCount, type CardLabels } from "./labels.ts";
import { Painter, type Box, type CardDrawing } from "./painter.ts";
import { CARD_WIDTH, PAD, THEME } from "./theme.ts";
import type { MeCardData } from "./types.ts";

/** Days on the participation calendar: 8 weeks, one column per week. */
export const CALENDAR_DAYS = 56;

const INNER = CARD_WIDTH - 2 * PAD;
const TILE_TOP = 120;
const TILE_H = 100;
const TOPICS_TOP = 248;
const TOPIC_ROW = 34;
const CELL = 18;
const CELL_GAP = 5;

/** Clamps a mastery or share to 0-1; NaN is 0. */
function unit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** The last 56 days, oldest first: a short history is padded with missed days at the start. */
function lastDays(participation: readonly boolean[]): boolean[] {
  const days = participation.slice(-CALENDAR_DAYS);
  return [...Array<boolean>(CALENDAR_DAYS - days.length).fill(false), ...days];
}

/** The four figures across the top: answers, accuracy, streak, reviews due. */
function drawTiles(p: Painter, data: MeCardData, t: CardLabels): void {
  const accuracy = data.answers > 0 ? `${Math.round((100 * data.correct) / data.answers)}%` : "—";
  const tiles: [string, string, string][] = [
    [t.answers, formatCount(data.answers, data.lang), t.correct(data.correct)],
    [t.accuracy, accuracy, ""],
    [t.streak, formatCount(data.streak.current, data.lang), t.best(data.streak.best)],
    [t.reviewsDue, formatCount(data.reviewsDue, data.lang), data.reviewsDue > 0 ? t.reviewHint : ""],
  ];
  const gap = 16;
  const w = (INNER - gap * (tiles.length - 1)) / tiles.length;
  tiles.forEach(([label, value, sub], i) => {
    const x = PAD + i * (w + gap);
    p.rect({ x, y: TILE_TOP, w, h: TILE_H }, THEME.panel, 12);
    const inner = (y: number, h: number): Box => ({ x: x + 16, y: TILE_TOP + y, w: w - 32, h });
    p.text(label, inner(10, 22), { size: 14, color: THEME.muted, minSize: 11 });
    p.text(value, inner(34, 38), { size: 30, bold: true, color: THEME.text, minSize: 18 });
    if (sub) p.text(sub, inner(72, 20), { size: 13, color: THEME.muted, minSize: 10 });
  });
}

/** One bar per topic; the weakest topic is tinted and tagged. */
function drawTopics(p: Painter, data: MeCardData, t: CardLabels): number {
  p.text(t.topics, { x: PAD, y: TOPICS_TOP, w: INNER, h: 24 }, { size: 18, bold: true, color: THEME.text });
  const barX = 350;
  const barW = 290;
  let y = TOPICS_TOP + 34;
  for (const topic of data.topics) {
    const weak = topic.key === data.weakestTopicKey;
    const colour = weak ? THEME.weak : THEME.accent;
    if (weak) p.rect({ x: PAD - 8, y, w: INNER + 16, h: TOPIC_ROW }, THEME.weakTint, 8);
    p.text(topic.title, { x: PAD + 4, y, w: barX - PAD - 16, h: TOPIC_ROW }, { size: 16, color: weak ? THEME.weak : THEME.text, minSize: 14 });
    const mastery = unit(topic.mastery);
    p.rect({ x: barX, y: y + 11, w: barW, h: 12 }, THEME.track, 6);
    p.rect({ x: barX, y: y + 11, w: Math.round(barW * mastery), h: 12 }, colour, 6);
    p.text(`${Math.round(mastery * 100)}%`, { x: barX + barW + 8, y, w: 52, h: TOPIC_ROW }, { size: 15, bold: true, color: colour, align: "right" });
    if (weak) {
      const tag: Box = { x: barX + barW + 68, y: y + 7, w: CARD_WIDTH - PAD - (barX + barW + 68), h: 20 };
      p.rect(tag, THEME.weak, 10);
      p.text(t.weakest, { x: tag.x + 6, y: tag.y, w: tag.w - 12, h: tag.h }, { size: 11, bold: true, color: THEME.onMedal, align: "center", minSize: 9 });
    }
    y += TOPIC_ROW;
  }
  return y;
}

/** The last 8 weeks as a grid (a column per week, oldest on the left, today bottom right) and a legend. */
function drawCalendar(p: Painter, data: MeCardData, t: CardLabels, top: number): number {
  p.text(t.activity, { x: PAD, y: top, w: INNER, h: 24 }, { size: 18, bold: true, color: THEME.text });
  const days = lastDays(data.participation);
  const gridTop = top + 36;
  const step = CELL + CELL_GAP;
  days.forEach((active, i) => {
    const cell: Box = { x: PAD + Math.floor(i / 7) * step, y: gridTop + (i % 7) * step, w: CELL, h: CELL };
    p.rect(cell, active ? THEME.good : THEME.panel, 4);
    if (i === days.length - 1) p.outline({ x: cell.x - 3, y: cell.y - 3, w: CELL + 6, h: CELL + 6 }, THEME.text, 2, 6);
  });
  const right = PAD + 8 * step + 40;
  const active = days.filter(Boolean).length;
  const box = (y: number, h: number): Box => ({ x: right, y: gridTop + y, w: CARD_WIDTH - PAD - right, h });
  p.text(formatCount(active, data.lang), box(0, 40), { size: 32, bold: true, color: THEME.good, minSize: 20 });
  p.text(t.activeDays(CALENDAR_DAYS), box(40, 24), { size: 15, color: THEME.muted, minSize: 11 });
  const legend: [string, string | undefined][] = [[t.answered, THEME.good], [t.missed, THEME.panel], [t.today, undefined]];
  let x = right;
  const itemW = Math.min(150, (CARD_WIDTH - PAD - right) / legend.length);
  for (const [label, colour] of legend) {
    const cell: Box = { x: x + 3, y: gridTop + 112, w: CELL, h: CELL };
    if (colour) p.rect(cell, colour, 4);
    else p.outline(cell, THEME.text, 2, 5);
    p.text(label, { x: cell.x + cell.w + 8, y: cell.y - 3, w: itemW - cell.w - 16, h: CELL + 6 }, { size: 13, color: THEME.muted, minSize: 10 });
    x += itemW;
  }
  return gridTop + 7 * step - CELL_GAP;
}

/** Draws the `/me` card: name, four figures, topic mastery and the participation calendar. */
export function drawMeCard(data: MeCardData): CardDrawing {
  const t = cardLabels(data.lang);
  const topicsBottom = TOPICS_TOP + 34 + data.topics.length * TOPIC_ROW;
  const height = topicsBottom + 24 + 36 + 7 * (CELL + CELL_GAP) - CELL_GAP + PAD;
  const p = new Painter(CARD_WIDTH, height, THEME.background, data.lang);
  p.text(data.name, { x: PAD, y: 28, w: INNER, h: 44 }, { size: 34, bold: true, color: THEME.text, minSize: 22 });
  p.text(t.meSubtitle, { x: PAD, y: 74, w: INNER, h: 24 }, { size: 16, color: THEME.muted });
  drawTiles(p, data, t);
  const bottom = drawTopics(p, data, t);
  drawCalendar(p, data, t, bottom + 24);
  return p.finish();
}

/** The `/me` card as PNG bytes. */
export function renderMeCard(data: MeCardData): Buffer {
  return drawMeCard(data).png;
}
