import type { Level } from "../bank/types.ts";

/** Points for a correct answer per level of difficulty. */
export const POINTS_PER_LEVEL = 10;
/** The largest speed bonus in rounds, as a share of the base points. */
export const MAX_SPEED_BONUS = 0.5;
/** Round points count only when at least this many players answered the question. */
export const MIN_ROUND_PLAYERS = 2;

/**
 * Points for one round answer: 10 × level when right, plus up to +50% for
 * speed, falling linearly from an instant answer to one at the close.
 */
export function roundPoints(level: Level, correct: boolean, responseMs: number, openMs: number): number {
  if (!correct) return 0;
  const base = POINTS_PER_LEVEL * level;
  const share = openMs > 0 ? Math.min(1, Math.max(0, responseMs / openMs)) : 1;
  return base + Math.round(base * MAX_SPEED_BONUS * (1 - share));
}
