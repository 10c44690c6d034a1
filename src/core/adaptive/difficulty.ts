import type { Level } from "../bank/types.ts";
import { levelPrior } from "./model.ts";

/** What we believe about one question's difficulty: small enough to keep per question. */
export interface DifficultyState {
  /** Difficulty on the θ scale. */
  readonly b: number;
  /** First attempts folded in so far. */
  readonly n: number;
}

/** The Elo gain schedule K(n) = alpha / (1 + beta·(n + n0)). */
export interface EloParams {
  readonly alpha: number;
  readonly beta: number;
  /** Pseudo-attempts the level prior is worth. */
  readonly n0: number;
}

/**
 * The gain schedule, tuned with the benchmark's simulation
 * (`bench/adaptive/tune.ts`): K(0) = 0.2, halving after 40 first attempts,
 * about 8/n in the long run. The issue's starting point α = 0.8 was twice as
 * aggressive: its difficulties stayed noisier (item RMSE 0.34 against 0.26
 * after 3,000 learners) and learners' success rates spread wider.
 */
export const DEFAULT_ELO: EloParams = Object.freeze({ alpha: 0.4, beta: 0.05, n0: 20 });

/** A question's difficulty before anyone answered it: the prior from its level. */
export function initialDifficulty(level: Level): DifficultyState {
  return { b: levelPrior(level), n: 0 };
}

/** The Elo gain after `n` first attempts: large while the level prior is all we know, then shrinking. */
export function eloGain(n: number, params: EloParams = DEFAULT_ELO): number {
  return params.alpha / (1 + params.beta * (n + params.n0));
}

/** One first attempt at a question, as the difficulty update sees it. */
export interface DifficultyObservation {
  readonly correct: boolean;
  /**
   * P̂: the learner's predicted chance of getting it right, taken before the
   * answer (`predictCorrect` with the learner's state and this question's b).
   */
  readonly predicted: number;
}

/**
 * The Elo step b ← b − K(n)·(y − P̂) for a user's first attempt at a question:
 * a surprise right answer makes it easier, a surprise miss harder. Later
 * attempts by the same user, and review answers, must not call it: they
 * measure memory of this very question, not its difficulty.
 */
export function updateDifficulty(state: DifficultyState, observation: DifficultyObservation, params: EloParams = DEFAULT_ELO): DifficultyState {
  const y = observation.correct ? 1 : 0;
  return { b: state.b - eloGain(state.n, params) * (y - observation.predicted), n: state.n + 1 };
}
