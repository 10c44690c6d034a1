import { PRIOR_ABILITY, updateAbility, updateAbilityAndPredict, type AbilityObservation, type AbilityState } from "./ability.ts";

/**
 * How far a learner's ability in one topic may sit from their overall
 * ability (the SD of the per-topic offset). 0.5 logits: a topic can be
 * clearly stronger or weaker than the rest, yet a few answers in a new topic
 * don't throw away what the other topics already told us.
 */
export const TOPIC_SPREAD = 0.5;

/**
 * The prior for a topic the learner has not answered yet: their overall
 * posterior, widened by TOPIC_SPREAD.
 *
 * Why the overall posterior and not an offset: θ_topic = θ + δ with
 * δ ~ N(0, TOPIC_SPREAD²) gives exactly N(overall.mean, overall.sd² + τ²), so
 * this *is* the offset model, folded into one state that costs the same
 * `{ mean, sd, n }` row as the overall one and needs no second lookup to
 * read. The topic state is created at the topic's first answer, when the
 * overall posterior holds no answer from this topic, so no answer counts twice.
 * The price: later answers in other topics don't reach this topic's state;
 * the daily widening lets its own answers take over.
 */
export function topicPrior(overall: AbilityState): AbilityState {
  return { mean: overall.mean, sd: Math.sqrt(overall.sd * overall.sd + TOPIC_SPREAD * TOPIC_SPREAD), n: 0 };
}

/** The learner's belief in one topic: the stored topic state, or the prior made from the overall one. */
export function abilityInTopic(overall: AbilityState, topic: AbilityState | undefined): AbilityState {
  return topic ?? topicPrior(overall);
}

/** The overall and one topic's state after an answer, ready to be saved together. */
export interface AbilityPair {
  readonly overall: AbilityState;
  readonly topic: AbilityState;
}

/**
 * Folds one answer into both the overall state and the state of the
 * question's topic (creating it from the overall prior on the first answer).
 */
export function updateAbilities(overall: AbilityState, topic: AbilityState | undefined, observation: AbilityObservation): AbilityPair {
  return {
    overall: updateAbility(overall, observation),
    topic: updateAbility(abilityInTopic(overall, topic), observation),
  };
}

/**
 * `updateAbilities`, plus the predicted chance of this answer being right
 * under the topic belief before it (what `predictCorrect` gives for
 * `abilityInTopic(overall, topic)`), which the difficulty update needs.
 */
export function updateAbilitiesAndPredict(
  overall: AbilityState,
  topic: AbilityState | undefined,
  observation: AbilityObservation,
): AbilityPair & { readonly predicted: number } {
  const inTopic = updateAbilityAndPredict(abilityInTopic(overall, topic), observation);
  return { overall: updateAbility(overall, observation), topic: inTopic.state, predicted: inTopic.predicted };
}

/**
 * What a group round aims at: the median ability of the chat's recent
 * players (their overall or topic states). The median, because one expert or
 * one newcomer should not drag a whole chat's questions. With no players it
 * is the population prior.
 */
export function medianAbility(players: readonly AbilityState[]): AbilityState {
  if (players.length === 0) return PRIOR_ABILITY;
  return { mean: median(players.map((p) => p.mean)), sd: median(players.map((p) => p.sd)), n: 0 };
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}
