import type { Question } from "../bank/types.ts";
import type { Rng } from "../ports.ts";
import type { AbilityState } from "./ability.ts";
import type { DifficultyState } from "./difficulty.ts";
import { candidateSlots, candidateView, type CandidateView } from "./candidate-view.ts";
import { difficultySlots, type DifficultyTable } from "./difficulty-table.ts";

/** The fields of a question that selection reads; a full `Question` fits. */
export type SelectableQuestion = Pick<Question, "id" | "topic" | "level" | "options">;

/** The success rate selection aims at: hard enough to teach, easy enough to keep going. */
export const DEFAULT_TARGET = 0.7;

/** How many of the best-fitting questions the pick is drawn from, so practice doesn't repeat itself. */
export const DEFAULT_POOL = 5;

/** Everything `selectNext` needs; callbacks are called at most once per candidate (ability once per topic). */
export interface SelectRequest<Q extends SelectableQuestion> {
  /** The questions to choose from, typically the whole bank or a topic's slice. */
  readonly candidates: readonly Q[];
  /** Only questions of these topics; absent or empty means every topic. */
  readonly topics?: ReadonlySet<string>;
  /**
   * Learned difficulties: a `DifficultyTable` (fast: no lookup per
   * candidate), or a function giving a question's state, undefined to use its
   * level prior.
   */
  readonly difficulty: DifficultyTable | ((id: string) => DifficultyState | undefined);
  /** The learner's (or, for a round, the chat's target) ability in a topic. */
  readonly ability: (topic: string) => AbilityState;
  /** Questions never to pick now (a hard exclusion, such as this round's earlier questions). */
  readonly exclude?: ReadonlySet<string>;
  /**
   * When each question was last shown to this user (practice) or chat
   * (rounds, daily), in epoch ms. Unseen questions come first; once every
   * fitting question has been seen, the least recent half is eligible again.
   */
  readonly seen?: ReadonlyMap<string, number>;
  readonly rng: Rng;
  /** The success rate to aim at; DEFAULT_TARGET. */
  readonly target?: number;
  /** Pick among this many closest questions; DEFAULT_POOL. */
  readonly pool?: number;
}

/**
 * The next question: among the eligible candidates, the `pool` whose
 * predicted P(correct) is closest to `target`, and one of those at random
 * (so a seed decides the pick). The prediction uses the learner's θ estimate
 * for the question's topic, flattened by its spread. Undefined when nothing
 * is eligible.
 *
 * One pass, no sort, no allocation per candidate. Fast path: pass the bank's
 * frozen lists (`bank.questions`, `bank.byTopic(t)`), whose per-question
 * constants are then computed once, and a `DifficultyTable`; that keeps p99
 * near 0.2 ms for 10,000 questions (`npm run bench:adaptive`).
 */
export function selectNext<Q extends SelectableQuestion>(request: SelectRequest<Q>): Q | undefined {
  return selectCore(request, undefined);
}

/**
 * Up to `count` distinct questions, each chosen as `selectNext` would after
 * the ones before it; for a round drawn at its start.
 */
export function selectMany<Q extends SelectableQuestion>(request: SelectRequest<Q>, count: number): Q[] {
  const taken = new Set<string>();
  const out: Q[] = [];
  while (out.length < count) {
    const next = selectCore(request, taken);
    if (next === undefined) break;
    taken.add(next.id);
    out.push(next);
  }
  return out;
}

function selectCore<Q extends SelectableQuestion>(request: SelectRequest<Q>, taken: ReadonlySet<string> | undefined): Q | undefined {
  const pool = Math.max(1, Math.min(Math.floor(request.pool ?? DEFAULT_POOL), request.candidates.length));
  const view = candidateView(request.candidates);
  const fit = topicFits(view, request);
  const best: Best = { score: new Float64Array(pool), index: new Int32Array(pool), found: 0 };
  scan(view, fit, request, taken, undefined, best);
  if (best.found === 0 && request.seen !== undefined && request.seen.size > 0) {
    // Every fitting question was seen: reuse the least recent half (the rare path, so a sort is fine).
    scan(view, fit, request, taken, recencyCutoff(view, fit, request, taken), best);
  }
  if (best.found === 0) return undefined;
  return request.candidates[best.index[Math.floor(request.rng.next() * best.found)] as number];
}

/** The closest candidates so far: scores ascending, with their indexes into `candidates`. */
interface Best {
  readonly score: Float64Array;
  readonly index: Int32Array;
  found: number;
}

/**
 * Per topic of the view: whether it is asked for, and the learner's θ
 * estimate with the slope that folds its spread into the prediction. The
 * prediction is the posterior predictive in its probit approximation,
 * E[σ(θ − b)] ≈ σ((μ − b)/√(1 + π·sd²/8)): one multiply per question instead
 * of a grid sum, and it makes the aimed-at 70% the learner's expected
 * success given what we know, not that of a learner sitting exactly at the
 * estimate.
 */
interface TopicFits {
  readonly allowed: Uint8Array;
  readonly mean: Float64Array;
  readonly slope: Float64Array;
}

function topicFits<Q extends SelectableQuestion>(view: CandidateView, request: SelectRequest<Q>): TopicFits {
  const wanted = request.topics !== undefined && request.topics.size > 0 ? request.topics : undefined;
  const k = view.topics.length;
  const fits: TopicFits = { allowed: new Uint8Array(k), mean: new Float64Array(k), slope: new Float64Array(k) };
  for (let t = 0; t < k; t++) {
    const topic = view.topics[t] as string;
    if (wanted !== undefined && !wanted.has(topic)) continue;
    const { mean, sd } = request.ability(topic);
    fits.allowed[t] = 1;
    fits.mean[t] = mean;
    fits.slope[t] = 1 / Math.sqrt(1 + (Math.PI * sd * sd) / 8);
  }
  return fits;
}

/**
 * One pass over the candidates. Eligibility (exclusions and recency, each a
 * hash lookup) is checked only for a question that would enter the buffer,
 * a few dozen of 10,000; `reuseUpTo` undefined admits unseen questions only,
 * a time also admits those last shown at or before it.
 */
function scan<Q extends SelectableQuestion>(
  view: CandidateView,
  fits: TopicFits,
  request: SelectRequest<Q>,
  taken: ReadonlySet<string> | undefined,
  reuseUpTo: number | undefined,
  best: Best,
): void {
  const { ids, guess, prior, topicOf } = view;
  const { allowed, mean, slope } = fits;
  const difficulty = request.difficulty;
  const lookup = typeof difficulty === "function" ? difficulty : undefined;
  const table = lookup === undefined ? difficultySlots(difficulty as DifficultyTable) : undefined;
  const slotOf = table === undefined ? undefined : candidateSlots(view, table);
  const bySlot = table?.b;
  const get = lookup ?? ((id: string) => (difficulty as DifficultyTable).get(id));
  const target = request.target ?? DEFAULT_TARGET;
  const { score: scores } = best;
  const pool = scores.length;
  let found = best.found;
  let worst = found === pool ? (scores[pool - 1] as number) : Number.POSITIVE_INFINITY;
  const { guessOf, guesses, classOf } = view;
  const zLow = new Float64Array(guesses.length);
  const zHigh = new Float64Array(guesses.length);
  zWindows(guesses, target, worst, zLow, zHigh);
  // Questions with no learned difficulty share a few scores: one per topic, level prior and guessing floor.
  const shared = sharedScores(view, fits, target);
  for (let i = 0; i < ids.length; i++) {
    // Scores are never negative: −1 means "not scored yet".
    let score = -1;
    let b = 0;
    let t = 0;
    if (slotOf !== undefined && bySlot !== undefined) {
      const learned = bySlot[slotOf[i] as number] as number;
      if (learned !== learned) {
        // No learned difficulty (NaN): the shared score, +∞ for a topic not asked for.
        score = shared[classOf[i] as number] as number;
      } else {
        t = topicOf[i] as number;
        if (allowed[t] === 0) continue;
        b = learned;
      }
    } else {
      t = topicOf[i] as number;
      if (allowed[t] === 0) continue;
      const state = get(ids[i] as string);
      b = state === undefined ? (prior[i] as number) : state.b;
    }
    if (score < 0) {
      const z = (slope[t] as number) * (b - (mean[t] as number));
      // Outside the window no score can beat the worst kept one: skip the exponential.
      const g = guessOf[i] as number;
      if (z < (zLow[g] as number) || z > (zHigh[g] as number)) continue;
      const c = guess[i] as number;
      score = Math.abs(c + (1 - c) / (1 + Math.exp(z)) - target);
    }
    // Strict: on a tie the earlier question stays, so a seed fully decides the pick.
    if (!(score < worst)) continue;
    if (!eligible(ids[i] as string, request, taken, reuseUpTo)) continue;
    found = keep(best, found, score, i);
    if (found === pool && (scores[pool - 1] as number) !== worst) {
      worst = scores[pool - 1] as number;
      zWindows(guesses, target, worst, zLow, zHigh);
    }
  }
  best.found = found;
}

/** Puts candidate `i` into the buffer after any equal scores; returns the new count. */
function keep(best: Best, found: number, score: number, i: number): number {
  const { score: scores, index: indexes } = best;
  const pool = scores.length;
  let j = found < pool ? found++ : pool - 1;
  while (j > 0 && (scores[j - 1] as number) > score) {
    scores[j] = scores[j - 1] as number;
    indexes[j] = indexes[j - 1] as number;
    j--;
  }
  scores[j] = score;
  indexes[j] = i;
  return found;
}

/**
 * The score of a question with no learned difficulty, for each allowed topic,
 * level prior and guessing floor (at the view's `classOf` index): the same
 * expression as for any other question, computed once per combination.
 * Topics not asked for score +∞, so they never enter.
 */
function sharedScores(view: CandidateView, fits: TopicFits, target: number): Float64Array {
  const { priors, guesses } = view;
  const out = new Float64Array(view.topics.length * priors.length * guesses.length).fill(Number.POSITIVE_INFINITY);
  for (let t = 0; t < view.topics.length; t++) {
    if (fits.allowed[t] === 0) continue;
    for (let k = 0; k < priors.length; k++) {
      const z = (fits.slope[t] as number) * ((priors[k] as number) - (fits.mean[t] as number));
      for (let g = 0; g < guesses.length; g++) {
        const c = guesses[g] as number;
        out[(t * priors.length + k) * guesses.length + g] = Math.abs(c + (1 - c) / (1 + Math.exp(z)) - target);
      }
    }
  }
  return out;
}

/**
 * For each guessing floor c, the range of z = slope·(b − mean) whose
 * prediction c + (1 − c)/(1 + eᶻ) lies within `worst` of the target: the
 * only candidates that can enter the buffer. The prediction falls as z
 * grows, so the range is an interval; it is widened a little so rounding
 * never drops a candidate, and the exact score still decides.
 */
function zWindows(guesses: Float64Array, target: number, worst: number, low: Float64Array, high: Float64Array): void {
  for (let g = 0; g < guesses.length; g++) {
    const c = guesses[g] as number;
    // σ(−z) = (p − c)/(1 − c), so z = log((1 − q)/q) with q = (p − c)/(1 − c).
    const zAt = (p: number): number => {
      const q = (p - c) / (1 - c);
      return q <= 0 ? Number.POSITIVE_INFINITY : q >= 1 ? Number.NEGATIVE_INFINITY : Math.log((1 - q) / q);
    };
    if (!Number.isFinite(worst)) {
      low[g] = Number.NEGATIVE_INFINITY;
      high[g] = Number.POSITIVE_INFINITY;
      continue;
    }
    const lo = zAt(target + worst);
    const hi = zAt(target - worst);
    low[g] = lo - 1e-9 * (1 + Math.abs(lo));
    high[g] = hi + 1e-9 * (1 + Math.abs(hi));
  }
}

function eligible<Q extends SelectableQuestion>(id: string, request: SelectRequest<Q>, taken: ReadonlySet<string> | undefined, reuseUpTo: number | undefined): boolean {
  if (request.exclude?.has(id) === true || taken?.has(id) === true) return false;
  const last = request.seen?.get(id);
  return last === undefined || (reuseUpTo !== undefined && last <= reuseUpTo);
}

/** The median last-shown time among eligible seen questions: at or before it counts as "least recent half". */
function recencyCutoff<Q extends SelectableQuestion>(view: CandidateView, fits: TopicFits, request: SelectRequest<Q>, taken: ReadonlySet<string> | undefined): number {
  const times: number[] = [];
  for (let i = 0; i < view.ids.length; i++) {
    if (fits.allowed[view.topicOf[i] as number] === 0) continue;
    const id = view.ids[i] as string;
    if (request.exclude?.has(id) === true || taken?.has(id) === true) continue;
    const last = request.seen?.get(id);
    if (last !== undefined) times.push(last);
  }
  times.sort((a, b) => a - b);
  return times[(times.length - 1) >> 1] ?? Number.POSITIVE_INFINITY;
}
