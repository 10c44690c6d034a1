/** Small statistics helpers for the adaptive benchmark; nothing here is part of the engine. */
import type { Rng } from "../../src/core/ports.ts";

/** A standard normal draw (Box–Muller; uses two uniforms, keeps no spare so streams stay simple). */
export function normal(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log stays finite
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Root mean square of the differences between paired arrays. */
export function rmse(estimates: ArrayLike<number>, truths: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < estimates.length; i++) {
    const d = (estimates[i] as number) - (truths[i] as number);
    sum += d * d;
  }
  return Math.sqrt(sum / Math.max(estimates.length, 1));
}

/** The arithmetic mean (0 for no values). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return values.length > 0 ? sum / values.length : 0;
}

/** The population standard deviation. */
export function sd(values: ArrayLike<number>): number {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += ((values[i] as number) - m) ** 2;
  return values.length > 0 ? Math.sqrt(sum / values.length) : 0;
}

/** The q-quantile (0..1) by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
