import type { Question } from "./types.ts";

/** How similar two prompts (with their code) must be to count as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.9;

/** The text whose shingles are compared: the English prompt and the code, lower case, white space runs as one space. */
function comparedText(question: Question): string {
  return `${question.prompt.en}\n${question.code ?? ""}`.toLowerCase().replace(/\s+/g, " ").trim();
}

/** A question's shingles: every three characters in a row of its compared text. */
function shingles(question: Question): Set<string> {
  const text = comparedText(question);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) out.add(text.slice(i, i + 3));
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
 * A number naming the shingle (three UTF-16 units) at `i`: the units packed
 * into 30 bits when each is below 1024 (a small integer, cheap as a map key),
 * otherwise packed exactly above 2^30. Equal numbers mean equal shingles.
 */
function shingleKey(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  const c = text.charCodeAt(i + 2);
  if ((a | b | c) < 1024) return (a << 20) | (b << 10) | c;
  return 2 ** 30 + (a * 65536 + b) * 65536 + c;
}

/**
 * Numbers a topic's shingle sets, the same sets as `shingles` gives: each
 * shingle gets an id by rising frequency in the topic (any fixed order keeps
 * prefix filtering exact; rarest first keeps candidate lists short), and each
 * question its ids ascending.
 */
function numbered(questions: readonly Question[]): Entry[] {
  const slotOf = new Map<number, number>();
  const frequency: number[] = [];
  // lastHolder[slot] is 1 + the last question that counted this shingle, to count it once per question.
  const lastHolder: number[] = [];
  const slotLists = questions.map((question, q) => {
    const text = comparedText(question);
    const slots: number[] = [];
    for (let i = 0; i + 3 <= text.length; i++) {
      const key = shingleKey(text, i);
      let slot = slotOf.get(key);
      if (slot === undefined) {
        slot = frequency.length;
        slotOf.set(key, slot);
        frequency.push(0);
        lastHolder.push(0);
      }
      if (lastHolder[slot] !== q + 1) {
        lastHolder[slot] = q + 1;
        frequency[slot]!++;
        slots.push(slot);
      }
    }
    return slots;
  });
  // Counting sort of the slots by frequency (ties in first-seen order) gives the ids.
  const next = new Int32Array(questions.length + 2);
  for (const f of frequency) next[f + 1]!++;
  for (let f = 1; f < next.length; f++) next[f]! += next[f - 1]!;
  const idOfSlot = new Int32Array(frequency.length);
  for (let slot = 0; slot < frequency.length; slot++) idOfSlot[slot] = next[frequency[slot]!]!++;
  return slotLists.map((slots, q) => {
    const ids = new Int32Array(slots.length);
    for (let k = 0; k < slots.length; k++) ids[k] = idOfSlot[slots[k]!]!;
    ids.sort();
    return { question: questions[q]!, ids };
  });
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

/** The fewest shared shingles with which sets of sizes summing to `total` reach Dice `t`, exactly as `diceOfSorted` computes it. */
function neededCommon(total: number, t: number): number {
  let need = Math.max(0, Math.ceil((t * total) / 2));
  while (need > 0 && (2 * (need - 1)) / total >= t) need--;
  while (need <= total && (2 * need) / total < t) need++;
  return need;
}

/**
 * Dice similarity of two ascending id lists (a merge), 0 to 1. Once they can
 * no longer share `need` ids it stops and returns 0, which is below the
 * similarity they would reach.
 */
function diceOfSorted(a: Int32Array, b: Int32Array, need: number): number {
  if (a.length === 0 && b.length === 0) return 1;
  // Each id found on one side only lowers the most the two can still share.
  let slackA = a.length - need;
  let slackB = b.length - need;
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) {
      i++;
      if (--slackA < 0) return 0;
    } else {
      j++;
      if (--slackB < 0) return 0;
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** The pairs (later question, earlier one) of one topic that reach the threshold, in question order. */
function duplicatesIn(list: readonly Entry[], t: number, found: NearDuplicate[]): void {
  // Shingle id -> the earlier questions with it in their prefix; empty sets only match each other.
  let shingleCount = 0;
  for (const { ids } of list) if (ids.length > 0) shingleCount = Math.max(shingleCount, ids[ids.length - 1]! + 1);
  const index = new Array<number[] | undefined>(shingleCount);
  const empty: number[] = [];
  const minRatio = t / (2 - t);
  // mark[j] === i + 1 once question j is a candidate for question i.
  const mark = new Int32Array(list.length);
  const candidates = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const prefixEnd = prefixLength(a.ids.length, t);
    let count = 0;
    if (a.ids.length === 0) for (const j of empty) candidates[count++] = j;
    for (let k = 0; k < prefixEnd; k++) {
      const holders = index[a.ids[k]!];
      if (holders === undefined) continue;
      for (const j of holders) {
        if (mark[j] !== i + 1) {
          mark[j] = i + 1;
          candidates[count++] = j;
        }
      }
    }
    for (const j of candidates.subarray(0, count).sort()) {
      const b = list[j]!;
      // Dice >= t is impossible when the sizes differ by more than this ratio.
      const ratio = Math.min(a.ids.length, b.ids.length) / Math.max(a.ids.length, b.ids.length, 1);
      if (a.ids.length + b.ids.length > 0 && ratio < minRatio) continue;
      const total = a.ids.length + b.ids.length;
      const similarity = diceOfSorted(a.ids, b.ids, total === 0 ? 0 : neededCommon(total, t));
      if (similarity >= t) found.push({ question: a.question, original: b.question, similarity });
    }
    if (a.ids.length === 0) empty.push(i);
    for (let k = 0; k < prefixEnd; k++) {
      const id = a.ids[k]!;
      const holders = index[id];
      if (holders) holders.push(i);
      else index[id] = [i];
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
    const list = byTopic.get(question.topic);
    if (list) list.push(question);
    else byTopic.set(question.topic, [question]);
  }
  const found: NearDuplicate[] = [];
  for (const list of byTopic.values()) {
    duplicatesIn(numbered(list), NEAR_DUPLICATE_THRESHOLD, found);
  }
  return found;
}

/** Every pair compared, the definition `findNearDuplicates` must agree with (for tests). */
export function findNearDuplicatesByBruteForce(questions: readonly Question[]): NearDuplicate[] {
  const byTopic = new Map<string, { question: Question; set: Set<string> }[]>();
  for (const question of questions) {
    const list = byTopic.get(question.topic) ?? [];
    list.push({ question, set: shingles(question) });
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
