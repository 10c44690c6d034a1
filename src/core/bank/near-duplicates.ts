import type { Question } from "./types.ts";

/** How similar two prompts (with their code) must be to count as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.9;

function shingles(text: string): Set<string> {
  const normal = text.toLowerCase().replace(/\s+/g, " ").trim();
  const out = new Set<string>();
  for (let i = 0; i + 3 <= normal.length; i++) out.add(normal.slice(i, i + 3));
  return out;
}

/** Dice similarity of two shingle sets, 0 to 1. */
function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const item of small) if (large.has(item)) common++;
  return (2 * common) / (a.size + b.size);
}

/** A pair of questions in one topic whose prompt and code are nearly the same. */
export interface NearDuplicate {
  readonly question: Question;
  readonly original: Question;
  readonly similarity: number;
}

/** One question's shingles as ids, ascending; ids are handed out rarest first, so a prefix holds the rarest. */
interface Entry {
  readonly question: Question;
  readonly ids: Int32Array;
}

/**
 * The shortest prefix (rarest shingles first) that every set reaching Dice
 * `t` with this one must share a shingle with: a pair that reaches `t` passes
 * the size filter below, so it shares at least t·size/(2−t) shingles, and two
 * sets sharing that many share one among their first size − overlap + 1
 * (prefix filtering). One more than needed, against rounding.
 */
function prefixLength(size: number, t: number): number {
  return Math.min(size, size - Math.ceil((t * size) / (2 - t)) + 2);
}

/** Dice similarity of two ascending id lists (a merge), 0 to 1. */
function diceOfSorted(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/** Numbers a topic's shingle sets: each shingle gets an id by rising frequency, each set its ids ascending. */
function numbered(questions: readonly Question[], sets: readonly Set<string>[]): Entry[] {
  const frequency = new Map<string, number>();
  for (const set of sets) for (const s of set) frequency.set(s, (frequency.get(s) ?? 0) + 1);
  const order = [...frequency.keys()].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const idOf = new Map(order.map((s, i) => [s, i]));
  return sets.map((set, i) => {
    const ids = Int32Array.from(set, (s) => idOf.get(s)!);
    ids.sort();
    return { question: questions[i]!, ids };
  });
}

/** The pairs (later question, earlier one) of one topic that reach the threshold, in question order. */
function duplicatesIn(list: readonly Entry[], t: number, found: NearDuplicate[]): void {
  // Shingle id -> the earlier questions with it in their prefix; empty sets only match each other.
  const index = new Map<number, number[]>();
  const empty: number[] = [];
  const minRatio = t / (2 - t);
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const prefix = a.ids.subarray(0, prefixLength(a.ids.length, t));
    const candidates = new Set<number>(a.ids.length === 0 ? empty : []);
    for (const id of prefix) for (const j of index.get(id) ?? []) candidates.add(j);
    for (const j of [...candidates].sort((x, y) => x - y)) {
      const b = list[j]!;
      // Dice >= t is impossible when the sizes differ by more than this ratio.
      const ratio = Math.min(a.ids.length, b.ids.length) / Math.max(a.ids.length, b.ids.length, 1);
      if (a.ids.length + b.ids.length > 0 && ratio < minRatio) continue;
      const similarity = diceOfSorted(a.ids, b.ids);
      if (similarity >= t) found.push({ question: a.question, original: b.question, similarity });
    }
    if (a.ids.length === 0) empty.push(i);
    for (const id of prefix) {
      const holders = index.get(id);
      if (holders) holders.push(i);
      else index.set(id, [i]);
    }
  }
}

/**
 * Finds near-duplicate questions within each topic (English prompt plus
 * code): each later question paired with every earlier one it nearly repeats.
 * Only pairs that share a rare shingle are compared, so a bank of thousands
 * is checked without comparing every pair.
 */
export function findNearDuplicates(questions: readonly Question[]): NearDuplicate[] {
  const byTopic = new Map<string, Question[]>();
  for (const question of questions) {
    const list = byTopic.get(question.topic) ?? [];
    list.push(question);
    byTopic.set(question.topic, list);
  }
  const found: NearDuplicate[] = [];
  for (const list of byTopic.values()) {
    const entries = numbered(list, list.map((q) => shingles(`${q.prompt.en}\n${q.code ?? ""}`)));
    duplicatesIn(entries, NEAR_DUPLICATE_THRESHOLD, found);
  }
  return found;
}

/** Every pair compared, the definition `findNearDuplicates` must agree with (for tests). */
export function findNearDuplicatesByBruteForce(questions: readonly Question[]): NearDuplicate[] {
  const byTopic = new Map<string, { question: Question; set: Set<string> }[]>();
  for (const question of questions) {
    const list = byTopic.get(question.topic) ?? [];
    list.push({ question, set: shingles(`${question.prompt.en}\n${question.code ?? ""}`) });
    byTopic.set(question.topic, list);
  }
  const found: NearDuplicate[] = [];
  for (const list of byTopic.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < i; j++) {
        const similarity = dice(list[i]!.set, list[j]!.set);
        if (similarity >= NEAR_DUPLICATE_THRESHOLD) found.push({ question: list[i]!.question, original: list[j]!.question, similarity });
      }
    }
  }
  return found;
}
