/**
 * The adaptive engine: learner ability θ on a grid, question difficulty b by
 * Elo, selection at a 70% success target, spaced review with FSRS, and
 * mastery for /me. Pure functions over small JSON-able states; the app loads
 * and saves the states and passes time and randomness in.
 */
export { createAbilityGrid, DEFAULT_GRID, type AbilityGrid } from "./ability-grid.ts";
export {
  DRIFT_VARIANCE_PER_DAY,
  mastery,
  MIN_SD,
  predictCorrect,
  PRIOR_ABILITY,
  priorAbility,
  sanitizeAbility,
  updateAbility,
  widenAbility,
  type AbilityObservation,
  type AbilityState,
} from "./ability.ts";
export {
  DEFAULT_ELO,
  eloGain,
  initialDifficulty,
  updateDifficulty,
  type DifficultyObservation,
  type DifficultyState,
  type EloParams,
} from "./difficulty.ts";
export { difficultyFor, guessFloor, levelPrior, pCorrect } from "./model.ts";
export {
  dueOrder,
  mostForgotten,
  isDue,
  nextDue,
  retrievability,
  REVIEW_SHARE,
  reviewCard,
  shouldServeReview,
  type HasReviewCard,
  type ReviewCard,
} from "./review.ts";
export { createDifficultyTable, type DifficultyTable } from "./difficulty-table.ts";
export { abilityStateSchema, difficultyStateSchema, reviewCardSchema } from "./schemas.ts";
export { DEFAULT_POOL, DEFAULT_TARGET, selectMany, selectNext, type SelectableQuestion, type SelectRequest } from "./select.ts";
export { abilityInTopic, medianAbility, TOPIC_SPREAD, topicPrior, updateAbilities, updateAbilitiesAndPredict, type AbilityPair } from "./topic-ability.ts";
