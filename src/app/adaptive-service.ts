import {
  abilityInTopic,
  createDifficultyTable,
  abilityStateSchema,
  difficultyStateSchema,
  dueOrder,
  isDue,
  mostForgotten,
  guessFloor,
  initialDifficulty,
  mastery,
  medianAbility,
  nextDue,
  priorAbility,
  reviewCard,
  reviewCardSchema,
  sanitizeAbility,
  selectMany,
  selectNext,
  shouldServeReview,
  updateAbilitiesAndPredict,
  updateDifficulty,
  widenAbility,
  type AbilityState,
  type DifficultyState,
  type ReviewCard,
} from "../core/adaptive/index.ts";
import type { Question } from "../core/bank/types.ts";
import type { AppDeps } from "./context.ts";

/** Candidate lists are the bank's own frozen arrays, so their id sets are built once. */
const idSets = new WeakMap<readonly Question[], ReadonlySet<string>>();

function idsOf(candidates: readonly Question[]): ReadonlySet<string> {
  let ids = idSets.get(candidates);
  if (!ids) {
    ids = new Set(candidates.map((q) => q.id));
    idSets.set(candidates, ids);
  }
  return ids;
}

/** On this share of days the daily question comes from the chat's weakest topic. */
const WEAKEST_TOPIC_SHARE = 0.5;

/** Overall ability is stored under this topic key. */
const OVERALL = "";

/** An ability as persisted: the engine's state and when it last changed (for widening). */
interface StoredAbility extends AbilityState {
  readonly at: number;
}

/** A question and the answers to it, for the adaptive update. */
export interface AskedQuestion {
  readonly question: Question;
  readonly answers: readonly { readonly userId: string; readonly correct: boolean }[];
}

/** A due review card and its question. */
export interface DueReview {
  readonly question: Question;
  readonly card: ReviewCard;
}

/** Per-topic mastery for /me: the predicted chance of a medium question, and the weakest topic. */
export interface MasteryReport {
  readonly topics: ReadonlyMap<string, number>;
  readonly weakest: string | undefined;
  readonly dueReviews: number;
  readonly nextReviewAt: number | undefined;
}

/**
 * The adaptive engine wired to storage: loads and saves abilities,
 * difficulties and review cards, and answers "what next?" for practice,
 * reviews and rounds. The engine itself (src/core/adaptive) is pure.
 */
export function createAdaptiveService(deps: Pick<AppDeps, "store" | "bank" | "clock" | "rng">) {
  const { store, bank, clock, rng } = deps;
  // Loaded once; first-attempt updates go to both this table and storage.
  const rows: [string, DifficultyState][] = [];
  for (const [id, raw] of store.difficulties()) {
    const parsed = difficultyStateSchema.safeParse(raw);
    if (parsed.success) rows.push([id, parsed.data]);
  }
  const difficulties = createDifficultyTable(rows);
  const difficulty = difficulties;

  // Checked states by stored record: the store hands back the same (frozen) records until one changes.
  const checkedAbilities = new WeakMap<object, { state: AbilityState; at: number | undefined } | null>();

  function checkedAbility(raw: unknown): { state: AbilityState; at: number | undefined } | null {
    if (typeof raw !== "object" || raw === null) return null;
    let checked = checkedAbilities.get(raw);
    if (checked === undefined) {
      const parsed = abilityStateSchema.safeParse(raw);
      const at = (raw as { at?: unknown }).at;
      checked = parsed.success ? { state: sanitizeAbility(parsed.data), at: typeof at === "number" ? at : undefined } : null;
      checkedAbilities.set(raw, checked);
    }
    return checked;
  }

  /** A user's abilities by topic (every topic, or only `topics`), widened for the time since they last changed. */
  function abilitiesOf(userId: string, topics?: readonly string[]): Map<string, StoredAbility> {
    const now = clock.now();
    const out = new Map<string, StoredAbility>();
    for (const [topic, raw] of topics ? store.abilitiesIn(userId, topics) : store.abilities(userId)) {
      const checked = checkedAbility(raw);
      if (!checked) continue;
      const at = checked.at ?? now;
      out.set(topic, { ...widenAbility(checked.state, Math.max(0, now - at)), at });
    }
    return out;
  }

  function abilityLookup(abilities: Map<string, StoredAbility>) {
    const overall = abilities.get(OVERALL) ?? priorAbility();
    return (topic: string): AbilityState => abilityInTopic(overall, abilities.get(topic));
  }

  // Checked cards by stored record: the store hands back the same records until a card changes.
  const checkedCards = new WeakMap<object, { question: Question; card: ReviewCard } | null>();

  // Checked cards by stored card object: the store hands back the same object until the card changes.
  const checkedCardValues = new WeakMap<object, ReviewCard | null>();

  function checkedCard(raw: unknown): ReviewCard | null {
    if (typeof raw !== "object" || raw === null) return null;
    let checked = checkedCardValues.get(raw);
    if (checked === undefined) {
      const parsed = reviewCardSchema.safeParse(raw);
      checked = parsed.success ? parsed.data : null;
      checkedCardValues.set(raw, checked);
    }
    return checked;
  }

  function cardsOf(userId: string): { question: Question; card: ReviewCard }[] {
    const out: { question: Question; card: ReviewCard }[] = [];
    for (const record of store.reviewCards(userId)) {
      let checked = checkedCards.get(record);
      if (checked === undefined) {
        const question = bank.byId(record.questionId);
        const card = checkedCard(record.card);
        checked = question && card ? { question, card } : null;
        checkedCards.set(record, checked);
      }
      if (checked) out.push(checked);
    }
    return out;
  }

  /**
   * Learns from the answers to each question in turn, in answer order, inside
   * the caller's transaction. Each user's abilities are read once and written
   * once per topic at the end, with the same states as writing every step.
   */
  function learnFrom(asked: readonly AskedQuestion[], review: boolean): void {
    const now = clock.now();
    // Only the topics these questions touch are read.
    const topics = [OVERALL, ...new Set(asked.map((a) => a.question.topic))];
    const working = new Map<string, Map<string, StoredAbility>>();
    const changed = new Map<string, Set<string>>();
    for (const { question, answers } of asked) {
      const c = guessFloor(question.options.length);
      let difficultyChanged = false;
      for (const { userId, correct } of answers) {
        const existing = store.reviewCard(userId, question.id);
        const card = reviewCard((existing && checkedCard(existing.card)) ?? undefined, correct, now);
        if (card) store.putReviewCard(userId, question.id, card, card.due, now);
        if (review) continue;
        const b = (difficulties.get(question.id) ?? initialDifficulty(question.level)).b;
        let abilities = working.get(userId);
        if (!abilities) {
          abilities = abilitiesOf(userId, topics);
          working.set(userId, abilities);
        }
        const overall = abilities.get(OVERALL) ?? priorAbility();
        // The Elo step uses the prediction from the topic ability before this answer.
        const pair = updateAbilitiesAndPredict(overall, abilities.get(question.topic), { correct, b, c });
        abilities.set(OVERALL, { ...pair.overall, at: now });
        abilities.set(question.topic, { ...pair.topic, at: now });
        let touched = changed.get(userId);
        if (!touched) changed.set(userId, (touched = new Set()));
        touched.add(OVERALL).add(question.topic);
        // The answer is already in the log, so a first attempt has exactly one.
        if (store.answerCount(userId, question.id, 2) <= 1) {
          difficulties.set(question.id, updateDifficulty(difficulties.get(question.id) ?? initialDifficulty(question.level), { correct, predicted: pair.predicted }));
          difficultyChanged = true;
        }
      }
      const next = difficulties.get(question.id);
      if (difficultyChanged && next) store.putDifficulty(question.id, next, now);
    }
    for (const [userId, touched] of changed) {
      const abilities = working.get(userId);
      for (const topic of touched) {
        const state = abilities?.get(topic);
        if (state) store.putAbility(userId, topic, state, now);
      }
    }
  }

  return {
    /** The next practice question: about 30% of picks are due reviews, the rest aim at a 70% success chance. */
    pickPractice(userId: string, candidates: readonly Question[], seen: ReadonlyMap<string, number>, exclude: ReadonlySet<string>): { question: Question; review: boolean } | undefined {
      const now = clock.now();
      const allowed = idsOf(candidates);
      // Only whether any card is due decides a review; the most forgotten is found only then.
      const due: { question: Question; card: ReviewCard }[] = [];
      for (const c of cardsOf(userId)) if (isDue(c.card, now) && allowed.has(c.question.id) && !exclude.has(c.question.id)) due.push(c);
      if (shouldServeReview(rng, due.length)) {
        const first = mostForgotten(due, now);
        if (first) return { question: first.question, review: true };
      }
      const question = selectNext({ candidates, difficulty, ability: abilityLookup(abilitiesOf(userId)), exclude, seen, rng });
      return question ? { question, review: false } : undefined;
    },

    /** The user's due reviews, the most forgotten first. */
    dueReviews(userId: string): DueReview[] {
      return dueOrder(cardsOf(userId), clock.now());
    },

    /** When the user's next review falls due, if they have any cards. */
    nextReviewAt(userId: string): number | undefined {
      return nextDue(cardsOf(userId));
    },

    /** Questions for a round, aimed at the median ability of the chat's recent players. */
    pickRound(chatId: string, candidates: readonly Question[], seen: ReadonlyMap<string, number>, count: number): Question[] {
      const players = store.recentPlayers(chatId, 20).map((id) => abilitiesOf(id));
      const ability = (topic: string) => medianAbility(players.map((a) => abilityLookup(a)(topic)));
      return selectMany({ candidates, difficulty, ability, seen, rng }, count);
    },

    /**
     * The chat's daily question: aimed at the median ability of its recent
     * players, never one the chat has been asked while others remain, and on
     * half of the days from the topic where those players are weakest.
     */
    pickDaily(chatId: string, candidates: readonly Question[], seen: ReadonlyMap<string, number>): Question | undefined {
      const players = store.recentPlayers(chatId, 20).map((id) => abilitiesOf(id));
      const ability = (topic: string) => medianAbility(players.map((a) => abilityLookup(a)(topic)));
      const unseen = candidates.filter((q) => !seen.has(q.id));
      let pool = unseen.length > 0 ? unseen : candidates;
      if (players.length > 0 && rng.next() < WEAKEST_TOPIC_SHARE) {
        let weakest: string | undefined;
        let lowest = Infinity;
        for (const topic of new Set(pool.map((q) => q.topic))) {
          const value = mastery(ability(topic));
          if (value < lowest) [weakest, lowest] = [topic, value];
        }
        pool = pool.filter((q) => q.topic === weakest);
      }
      return selectMany({ candidates: pool, difficulty, ability, seen, rng }, 1)[0];
    },

    /**
     * Learns from an answer, inside the caller's transaction: a review answer
     * updates only its card; any other answer updates θ (overall and topic),
     * the question's b on the user's first attempt, and makes or lapses a
     * review card when it was wrong (or moves an existing card on).
     */
    learn(userId: string, question: Question, correct: boolean, review: boolean): void {
      learnFrom([{ question, answers: [{ userId, correct }] }], review);
    },

    /**
     * `learn` for every answer to several questions (a round's end), question
     * by question and in answer order. Each user's abilities are read once and
     * written once per topic; the states are those of learning one answer at a time.
     */
    learnAnswers(asked: readonly AskedQuestion[]): void {
      learnFrom(asked, false);
    },

    /** Mastery per topic (predicted success on a medium question), the weakest topic and the reviews due. */
    mastery(userId: string): MasteryReport {
      const lookup = abilityLookup(abilitiesOf(userId));
      const topics = new Map(bank.topics.map((t) => [t.id, mastery(lookup(t.id))]));
      let weakest: string | undefined;
      for (const [topic, value] of topics) if (weakest === undefined || value < (topics.get(weakest) ?? 1)) weakest = topic;
      const cards = cardsOf(userId);
      const now = clock.now();
      return { topics, weakest, dueReviews: cards.filter((c) => c.card.due <= now).length, nextReviewAt: nextDue(cards) };
    },
  };
}

/** The adaptive service. */
export type AdaptiveService = ReturnType<typeof createAdaptiveService>;
