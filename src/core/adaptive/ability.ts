import { DEFAULT_GRID, gridPosterior, gridPosteriorAndPredictive, gridPredictive, type AbilityGrid } from "./ability-grid.ts";

/**
 * What we believe about one learner's ability θ (overall, or in one topic),
 * small enough to keep a row per (user, topic) for a million users.
 *
 * The belief is a posterior on a θ grid, but only its mean and spread are
 * persisted: each update rebuilds the prior as N(mean, sd²) sampled on the
 * grid, applies Bayes exactly for the one new answer, and keeps the
 * posterior's mean and SD. That is assumed-density filtering: after every
 * answer the posterior is projected back onto a Gaussian. The projection
 * loses the skew of a posterior after a run of all-right or all-wrong answers;
 * against a full grid posterior kept over all 30 answers it costs 0.0006 in
 * θ RMSE (`bench/adaptive/adf-check.ts`). Means are kept inside the grid's
 * [−4, 4]; beyond that the grid truncates the prior's tail.
 */
export interface AbilityState {
  /** Posterior mean of θ: the estimate. */
  readonly mean: number;
  /** Posterior SD of θ: how unsure the estimate still is. */
  readonly sd: number;
  /** Answers folded in so far. */
  readonly n: number;
}

/** One answered question, as the ability update sees it. */
export interface AbilityObservation {
  readonly correct: boolean;
  /** The question's current difficulty estimate. */
  readonly b: number;
  /** The question's guessing floor, 1 / number of options. */
  readonly c: number;
}

/** The population prior: θ ~ N(0, 1). */
export const PRIOR_ABILITY: AbilityState = Object.freeze({ mean: 0, sd: 1, n: 0 });

/**
 * The narrowest a posterior may get. It keeps the sampled prior at least two
 * grid steps wide, and says a person is never known better than ±0.1.
 */
export const MIN_SD = 0.1;

/**
 * How much the variance of θ grows per day without answers: people learn and
 * forget. 0.005 per day lets a month away add 0.15 (a settled SD of 0.3 opens
 * to 0.49), and holds a learner who answers ten questions a day near an SD of
 * 0.25 instead of shrinking towards zero, so old answers never freeze θ. The
 * benchmark's learners don't change, so it cannot tune this; it is a judgement.
 */
export const DRIFT_VARIANCE_PER_DAY = 0.005;

const DAY_MS = 86_400_000;

/** A fresh learner's state: the population prior. */
export function priorAbility(): AbilityState {
  return PRIOR_ABILITY;
}

/** Brings a stored state into the grid's range, or back to the prior when it is not a usable number. */
export function sanitizeAbility(state: AbilityState, grid: AbilityGrid = DEFAULT_GRID): AbilityState {
  const { mean, sd, n } = state;
  if (!Number.isFinite(mean) || !Number.isFinite(sd) || sd <= 0) return PRIOR_ABILITY;
  const m = Math.min(Math.max(mean, grid.min), grid.max);
  const s = Math.max(sd, MIN_SD);
  return m === mean && s === sd && Number.isInteger(n) && n >= 0 ? state : { mean: m, sd: s, n: Math.max(0, Math.floor(n) || 0) };
}

/**
 * Folds one answer into the belief about θ: an exact grid posterior from the
 * state's Gaussian prior, summarised again as mean and SD. Use it for first
 * attempts and practice answers; review answers (`/review`) move only their
 * FSRS card, because a question seen before says more about memory than skill.
 */
export function updateAbility(state: AbilityState, observation: AbilityObservation, grid: AbilityGrid = DEFAULT_GRID): AbilityState {
  const prior = sanitizeAbility(state, grid);
  const post = gridPosterior(grid, prior.mean, prior.sd, observation.correct, observation.b, observation.c);
  return { mean: post.mean, sd: Math.max(Math.sqrt(post.variance), MIN_SD), n: prior.n + 1 };
}

/**
 * `updateAbility` and, for the state before the answer, `predictCorrect`:
 * the same two results from one pass over the grid.
 */
export function updateAbilityAndPredict(
  state: AbilityState,
  observation: AbilityObservation,
  grid: AbilityGrid = DEFAULT_GRID,
): { readonly state: AbilityState; readonly predicted: number } {
  const prior = sanitizeAbility(state, grid);
  const post = gridPosteriorAndPredictive(grid, prior.mean, prior.sd, observation.correct, observation.b, observation.c);
  return { state: { mean: post.mean, sd: Math.max(Math.sqrt(post.variance), MIN_SD), n: prior.n + 1 }, predicted: post.predictive };
}

/**
 * The probability this learner answers a question of difficulty b right,
 * averaged over our uncertainty about θ (the posterior predictive). The
 * difficulty update compares the answer with this number.
 */
export function predictCorrect(state: AbilityState, b: number, c: number, grid: AbilityGrid = DEFAULT_GRID): number {
  const prior = sanitizeAbility(state, grid);
  return gridPredictive(grid, prior.mean, prior.sd, b, c);
}

/**
 * Widens the belief for the time that passed since the last answer (a random
 * walk of θ, DRIFT_VARIANCE_PER_DAY), never past the wider of the current
 * spread and the population prior. Call it before an update with the time
 * since the state was last saved; calling it often is harmless, because the
 * widening adds up to the same total.
 */
export function widenAbility(state: AbilityState, elapsedMs: number, perDay: number = DRIFT_VARIANCE_PER_DAY): AbilityState {
  if (!(elapsedMs > 0)) return state;
  const cap = Math.max(state.sd, PRIOR_ABILITY.sd);
  const sd = Math.min(Math.sqrt(state.sd * state.sd + (perDay * elapsedMs) / DAY_MS), cap);
  return sd === state.sd ? state : { mean: state.mean, sd, n: state.n };
}

/**
 * Mastery for /me: the chance of answering a medium question (b = 0) with
 * four options right, averaged over our uncertainty about θ. A new learner
 * shows 0.625.
 */
export function mastery(state: AbilityState, grid: AbilityGrid = DEFAULT_GRID): number {
  return predictCorrect(state, 0, 0.25, grid);
}
