import { createEmptyCard, forgetting_curve, fsrs, Rating, State, type Card } from "ts-fsrs";
import type { Rng } from "../ports.ts";

/**
 * A spaced-review card for one (user, question), as plain JSON: ts-fsrs's
 * `Card` with its dates as epoch milliseconds. Review answers (`/review`)
 * move only this card; they don't update θ or b, because answering a
 * question seen before measures memory of it, not skill or difficulty.
 */
export interface ReviewCard {
  /** When the card is next due, epoch ms. */
  readonly due: number;
  /** FSRS stability: days until recall falls to 90%. */
  readonly stability: number;
  /** FSRS difficulty, 1 to 10. */
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  /** ts-fsrs `State`: 0 new, 1 learning, 2 review, 3 relearning. */
  readonly state: State;
  /** The last review, epoch ms; null before the first. */
  readonly lastReview: number | null;
}

/** Anything that carries a card, such as `{ questionId, card }` rows from storage. */
export interface HasReviewCard {
  readonly card: ReviewCard;
}

/** The share of /practice picks that go to due review cards. */
export const REVIEW_SHARE = 0.3;

/**
 * The FSRS-6 scheduler with default weights. Fuzz is off so a schedule can be
 * tested and replayed; one 10-minute (re)learning step, because in a chat a
 * missed question coming back after one minute feels like a repeat, not a review.
 */
const scheduler = fsrs({ enable_fuzz: false, learning_steps: ["10m"], relearning_steps: ["10m"], maximum_interval: 365 });

const WEIGHTS = scheduler.parameters.w;
const DAY_MS = 86_400_000;

/** A new card: the first miss of a question. */
export function reviewCard(card: undefined, correct: boolean, now: number): ReviewCard | undefined;
/** The card after one more answer: right is `Good`, wrong is `Again` (a lapse). */
export function reviewCard(card: ReviewCard, correct: boolean, now: number): ReviewCard;
/**
 * Schedules a card after an answer. A wrong answer creates a card (or lapses
 * an existing one) with `Rating.Again`; a right answer is `Good`. A right
 * answer to a question without a card makes none: there is nothing to review.
 */
export function reviewCard(card: ReviewCard | undefined, correct: boolean, now: number): ReviewCard | undefined;
export function reviewCard(card: ReviewCard | undefined, correct: boolean, now: number): ReviewCard | undefined {
  if (card === undefined && correct) return undefined;
  const from = card === undefined ? createEmptyCard(new Date(now)) : toFsrsCard(card);
  return fromFsrsCard(scheduler.next(from, new Date(now), correct ? Rating.Good : Rating.Again).card);
}

/** Whether the card is due for review at `now`. */
export function isDue(card: ReviewCard, now: number): boolean {
  return card.due <= now;
}

/**
 * The FSRS probability of recalling the answer at `now`, from the time since
 * the last review in fractional days (ts-fsrs rounds to whole days, which
 * would tie every card reviewed today). 0 for a card never reviewed.
 */
export function retrievability(card: ReviewCard, now: number): number {
  if (card.state === State.New || card.lastReview === null) return 0;
  const days = Math.max(0, now - card.lastReview) / DAY_MS;
  return forgetting_curve(WEIGHTS, days, card.stability);
}

/** The due cards, the most forgotten (lowest retrievability) first; ties by due time. */
export function dueOrder<T extends HasReviewCard>(items: readonly T[], now: number): T[] {
  return items
    .filter((item) => isDue(item.card, now))
    .map((item) => ({ item, r: retrievability(item.card, now) }))
    .sort((a, b) => a.r - b.r || a.item.card.due - b.item.card.due)
    .map(({ item }) => item);
}

/**
 * `dueOrder(items, now)[0]` without sorting: the first item with the lowest
 * retrievability, ties by due time. A practice pick needs only this one.
 */
export function mostForgotten<T extends HasReviewCard>(items: readonly T[], now: number): T | undefined {
  let best: T | undefined;
  let bestR = 0;
  for (const item of items) {
    if (!isDue(item.card, now)) continue;
    const r = retrievability(item.card, now);
    if (best === undefined || r < bestR || (r === bestR && item.card.due < best.card.due)) {
      best = item;
      bestR = r;
    }
  }
  return best;
}

/** The earliest due time among the cards, epoch ms, or undefined when there are none. */
export function nextDue(items: Iterable<HasReviewCard>): number | undefined {
  let best: number | undefined;
  for (const { card } of items) if (best === undefined || card.due < best) best = card.due;
  return best;
}

/**
 * Whether this /practice pick should be a due review card rather than a new
 * question: about REVIEW_SHARE of picks while cards are due. Draws from `rng`
 * only when something is due.
 */
export function shouldServeReview(rng: Rng, dueCount: number, share: number = REVIEW_SHARE): boolean {
  return dueCount > 0 && rng.next() < share;
}

function toFsrsCard(card: ReviewCard): Card {
  const base: Card = {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0, // deprecated in ts-fsrs 5; recomputed from last_review on every review
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
  };
  return card.lastReview === null ? base : { ...base, last_review: new Date(card.lastReview) };
}

function fromFsrsCard(card: Card): ReviewCard {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review === undefined ? null : card.last_review.getTime(),
  };
}
