import type { Level } from "../bank/types.ts";

/**
 * The response model shared by every part of the adaptive engine:
 * P(correct) = c + (1 − c)·σ(θ − b), where θ is the learner's ability, b the
 * question's difficulty (both on one logit scale) and c the chance of a lucky
 * guess. Discrimination is fixed at 1 (a Rasch model with a guessing floor).
 */
export function pCorrect(theta: number, b: number, c: number): number {
  return c + (1 - c) / (1 + Math.exp(b - theta));
}

/** The guessing floor of a question with `optionCount` options: one in that many. */
export function guessFloor(optionCount: number): number {
  return optionCount > 0 ? 1 / optionCount : 0;
}

/** Prior difficulty from the author's `level`: 1 easy → −1, 2 medium → 0, 3 hard → +1. */
export function levelPrior(level: Level): number {
  return level - 2;
}

/**
 * The difficulty b at which a learner of ability θ answers right with
 * probability `target`, or undefined when `target` is at or below the guessing
 * floor (every question is then too hard). Handy for explaining a pick.
 */
export function difficultyFor(theta: number, target: number, c: number): number | undefined {
  if (target <= c || target >= 1) return undefined;
  const s = (target - c) / (1 - c);
  return theta - Math.log(s / (1 - s));
}
