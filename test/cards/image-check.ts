import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

/** A decoded PNG, or why it could not be decoded (truncated, not a PNG). */
export function decodePng(bytes: Uint8Array): PNG | string {
  try {
    return PNG.sync.read(Buffer.from(bytes));
  } catch (error) {
    return `not a whole PNG: ${(error as Error).message}`;
  }
}

/** The share of pixels that differ from the top-left pixel (the card's background). */
export function foregroundShare(png: PNG): number {
  const d = png.data;
  let differ = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs((d[i] ?? 0) - (d[0] ?? 0)) + Math.abs((d[i + 1] ?? 0) - (d[1] ?? 0)) + Math.abs((d[i + 2] ?? 0) - (d[2] ?? 0)) > 24) differ++;
  }
  return differ / (png.width * png.height);
}

/** Problems with a rendered card: wrong size, not a whole PNG, or (almost) blank. Empty when fine. */
export function imageProblems(bytes: Uint8Array, width: number, height: number, minForeground = 0.05): string[] {
  const png = decodePng(bytes);
  if (typeof png === "string") return [png];
  const problems: string[] = [];
  if (png.width !== width || png.height !== height) problems.push(`size ${png.width}×${png.height}, expected ${width}×${height}`);
  const share = foregroundShare(png);
  if (share < minForeground) problems.push(`only ${(share * 100).toFixed(2)}% of pixels are not background`);
  return problems;
}

/** How many pixels differ between two decoded images of the same size (pixelmatch, anti-aliasing ignored). */
export function differingPixels(a: PNG, b: PNG, threshold = 0.1): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  return pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold });
}

/** The eight bytes every PNG starts with. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Problems with a card as a platform received it: not starting with the PNG
 * signature, not a whole PNG, not 800 px wide, a height or file size outside
 * what a card can be, or (almost) blank. Empty when fine.
 */
export function sentCardProblems(bytes: Uint8Array): string[] {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return ["no PNG signature"];
  const png = decodePng(bytes);
  if (typeof png === "string") return [png];
  const problems: string[] = [];
  if (png.width !== 800) problems.push(`width ${png.width}, expected 800`);
  if (png.height < 200 || png.height > 2000) problems.push(`height ${png.height} is outside 200-2000`);
  if (bytes.length < 5_000 || bytes.length > 1_000_000) problems.push(`${bytes.length} bytes is outside 5 KB-1 MB`);
  const share = foregroundShare(png);
  if (share < 0.02) problems.push(`only ${(share * 100).toFixed(2)}% of pixels are not background`);
  return problems;
}
