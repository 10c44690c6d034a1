import type { DifficultySlots } from "./difficulty-table.ts";
import { levelPrior } from "./model.ts";
import type { SelectableQuestion } from "./select.ts";

/**
 * The per-question constants selection reads, laid out in typed arrays so
 * the hot loop touches no question object: id, guessing floor, level prior
 * and a small topic number.
 */
export interface CandidateView {
  readonly ids: readonly string[];
  /** 1 / number of options. */
  readonly guess: Float64Array;
  /** The level prior b, used while a question has no learned difficulty. */
  readonly prior: Float64Array;
  /** Index into `topics` for each question. */
  readonly topicOf: Int32Array;
  /** The distinct topics, in order of first appearance. */
  readonly topics: readonly string[];
  /** Index into `guesses` for each question. */
  readonly guessOf: Int32Array;
  /** The distinct guessing floors, in order of first appearance (a handful: 1/2, 1/3, 1/4…). */
  readonly guesses: Float64Array;
  /** Index into `priors` for each question. */
  readonly priorOf: Int32Array;
  /** The distinct level priors (three levels, three values). */
  readonly priors: Float64Array;
  /** (topic · priors + prior) · guesses + guess for each question: which shared score applies while b is unlearned. */
  readonly classOf: Int32Array;
}

// Frozen arrays (the bank's `questions` and `byTopic` lists) can't change, so their view is built once.
const views = new WeakMap<readonly SelectableQuestion[], CandidateView>();

/** The view of a candidate list: cached for frozen lists, built afresh otherwise. */
export function candidateView(candidates: readonly SelectableQuestion[]): CandidateView {
  const cached = views.get(candidates);
  if (cached !== undefined) return cached;
  const view = buildView(candidates);
  if (Object.isFrozen(candidates)) views.set(candidates, view);
  return view;
}

function buildView(candidates: readonly SelectableQuestion[]): CandidateView {
  const n = candidates.length;
  const ids = new Array<string>(n);
  const guess = new Float64Array(n);
  const prior = new Float64Array(n);
  const topicOf = new Int32Array(n);
  const topics: string[] = [];
  const slots = new Map<string, number>();
  const guessOf = new Int32Array(n);
  const guesses: number[] = [];
  const priorOf = new Int32Array(n);
  const priors: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = candidates[i] as SelectableQuestion;
    let slot = slots.get(q.topic);
    if (slot === undefined) {
      slot = topics.length;
      topics.push(q.topic);
      slots.set(q.topic, slot);
    }
    ids[i] = q.id;
    guess[i] = 1 / q.options.length;
    let g = guesses.indexOf(guess[i] as number);
    if (g < 0) g = guesses.push(guess[i] as number) - 1;
    guessOf[i] = g;
    prior[i] = levelPrior(q.level);
    let k = priors.indexOf(prior[i] as number);
    if (k < 0) k = priors.push(prior[i] as number) - 1;
    priorOf[i] = k;
    topicOf[i] = slot;
  }
  const classOf = new Int32Array(n);
  for (let i = 0; i < n; i++) classOf[i] = ((topicOf[i] as number) * priors.length + (priorOf[i] as number)) * guesses.length + (guessOf[i] as number);
  return { ids, guess, prior, topicOf, topics, guessOf, guesses: Float64Array.from(guesses), priorOf, priors: Float64Array.from(priors), classOf };
}

const slotArrays = new WeakMap<CandidateView, WeakMap<DifficultySlots, Int32Array>>();

/** Each candidate's slot in a difficulty table, cached per (view, table): slots never move. */
export function candidateSlots(view: CandidateView, slots: DifficultySlots): Int32Array {
  let perTable = slotArrays.get(view);
  let out = perTable?.get(slots);
  if (out !== undefined) return out;
  out = new Int32Array(view.ids.length);
  for (let i = 0; i < out.length; i++) out[i] = slots.slot(view.ids[i] as string);
  if (perTable === undefined) slotArrays.set(view, (perTable = new WeakMap()));
  perTable.set(slots, out);
  return out;
}
