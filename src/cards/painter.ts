import { createCanvas, type Canvas, type SKRSContext2D } from "@napi-rs/canvas";
import { cardFont, ensureCardFont } from "./fonts.ts";

/** A rectangle on the card, in px from the top left. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** How one text is drawn: it shrinks towards `minSize`, then is cut with an ellipsis to fit its box. */
export interface TextStyle {
  readonly size: number;
  readonly color: string;
  readonly bold?: boolean;
  readonly align?: "left" | "center" | "right";
  /** The smallest size it may shrink to; 80% of `size` unless given. */
  readonly minSize?: number;
}

/** A text as drawn: what was asked, what fitted, at which size and width, in which box. */
export interface PlacedText {
  readonly text: string;
  readonly drawn: string;
  readonly size: number;
  /** The measured width of `drawn`, never more than `box.w`. */
  readonly width: number;
  /** The drawn text's left edge. */
  readonly x: number;
  readonly box: Box;
}

/** A drawn card: its size, every text placed on it, and its PNG. */
export interface CardDrawing {
  readonly width: number;
  readonly height: number;
  readonly texts: readonly PlacedText[];
  readonly png: Buffer;
}

const ELLIPSIS = "…";
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** One line of plain text: control characters and runs of spaces become one space. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, " ").trim();
}

/**
 * Fits `text` into `maxWidth`: the largest size from `size` down to `minSize`
 * at which it fits whole, else `minSize` with as many graphemes as fit plus an ellipsis.
 */
export function fitText(ctx: SKRSContext2D, text: string, maxWidth: number, style: TextStyle): { drawn: string; size: number; width: number } {
  const bold = style.bold ?? false;
  const minSize = Math.min(style.size, style.minSize ?? Math.round(style.size * 0.8));
  const width = (s: string, size: number): number => {
    ctx.font = cardFont(size, bold);
    return ctx.measureText(s).width;
  };
  for (let size = style.size; size >= minSize; size--) {
    const w = width(text, size);
    if (w <= maxWidth) return { drawn: text, size, width: w };
  }
  const parts = Array.from(segmenter.segment(text), (s) => s.segment);
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (width(parts.slice(0, mid).join("").trimEnd() + ELLIPSIS, minSize) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  const drawn = lo === 0 ? ELLIPSIS : parts.slice(0, lo).join("").trimEnd() + ELLIPSIS;
  const w = width(drawn, minSize);
  return w <= maxWidth ? { drawn, size: minSize, width: w } : { drawn: "", size: minSize, width: 0 };
}

/**
 * A canvas the cards draw on. It has shapes and one way to draw text, through
 * {@link fitText}, so no text can leave its box; every text is recorded for tests.
 */
export class Painter {
  private readonly canvas: Canvas;
  private readonly ctx: SKRSContext2D;
  private readonly placed: PlacedText[] = [];
  readonly width: number;
  readonly height: number;

  /** A blank card of this size filled with `background`; `lang` is the text language (`en`, `ru`). */
  constructor(width: number, height: number, background: string, lang: string) {
    ensureCardFont();
    this.width = width;
    this.height = height;
    this.canvas = createCanvas(width, height);
    this.ctx = this.canvas.getContext("2d");
    this.ctx.lang = lang;
    this.ctx.textBaseline = "middle";
    this.rect({ x: 0, y: 0, w: width, h: height }, background);
  }

  /** Fills a rectangle, with rounded corners when `radius` > 0. */
  rect(box: Box, color: string, radius = 0): void {
    if (box.w <= 0 || box.h <= 0) return;
    this.ctx.fillStyle = color;
    this.ctx.beginPath();
    this.ctx.roundRect(box.x, box.y, box.w, box.h, Math.min(radius, box.w / 2, box.h / 2));
    this.ctx.fill();
  }

  /** Outlines a rectangle inside its box. */
  outline(box: Box, color: string, lineWidth: number, radius = 0): void {
    const half = lineWidth / 2;
    this.ctx.strokeStyle = color;
    this.ctx.lineWidth = lineWidth;
    this.ctx.beginPath();
    this.ctx.roundRect(box.x + half, box.y + half, box.w - lineWidth, box.h - lineWidth, Math.max(0, radius - half));
    this.ctx.stroke();
  }

  /** Fills a circle. */
  circle(cx: number, cy: number, r: number, color: string): void {
    this.ctx.fillStyle = color;
    this.ctx.beginPath();
    this.ctx.arc(cx, cy, r, 0, Math.PI * 2);
    this.ctx.fill();
  }

  /** Draws one line of text fitted into `box`, centred vertically; returns where it went. */
  text(text: string, box: Box, style: TextStyle): PlacedText {
    const clean = oneLine(text);
    const fit = fitText(this.ctx, clean, box.w, style);
    const align = style.align ?? "left";
    const x = align === "left" ? box.x : align === "right" ? box.x + box.w - fit.width : box.x + (box.w - fit.width) / 2;
    if (fit.drawn !== "") {
      this.ctx.font = cardFont(fit.size, style.bold ?? false);
      this.ctx.fillStyle = style.color;
      this.ctx.textAlign = "left";
      this.ctx.fillText(fit.drawn, x, box.y + box.h / 2);
    }
    const placed: PlacedText = { text: clean, drawn: fit.drawn, size: fit.size, width: fit.width, x, box };
    this.placed.push(placed);
    return placed;
  }

  /** Encodes the card as PNG. */
  finish(): CardDrawing {
    return { width: this.width, height: this.height, texts: this.placed, png: this.canvas.toBuffer("image/png") };
  }
}
