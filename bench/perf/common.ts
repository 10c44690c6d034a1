/** Helpers shared by the perf benchmarks: percentiles, temp folders, a settable clock, a quiet log. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RequestContext } from "../../src/app/context.ts";
import type { ChatKind, Clock } from "../../src/core/ports.ts";

/** Reports a line about a long step (to stderr in `npm run bench`). */
export type Progress = (line: string) => void;

/** The q-quantile (0..1) of already sorted values, nearest rank. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** p50, p99 and max of a set of latencies (milliseconds). */
export function summarise(values: ArrayLike<number>): { p50: number; p99: number; max: number } {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return { p50: quantileSorted(sorted, 0.5), p99: quantileSorted(sorted, 0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/** A clock the benchmark moves by hand. */
export interface SettableClock extends Clock {
  set(at: number): void;
}

export function settableClock(start: number): SettableClock {
  let now = start;
  return {
    now: () => now,
    set(at) {
      now = at;
    },
  };
}

/** Runs `fn` with a fresh temp folder that is removed afterwards. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A request context the way the adapters build one (never an admin here). */
export function ctxFor(userId: string, chatId: string, kind: ChatKind): RequestContext {
  return { user: { id: userId, name: `name-${userId}`, langHint: "en" }, chat: { id: chatId, kind }, isAdmin: () => false };
}
