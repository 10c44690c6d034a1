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

/** Finds near-duplicate questions within each topic (English prompt plus code). */
export function findNearDuplicates(questions: readonly Question[]): NearDuplicate[] {
  const byTopic = new Map<string, { question: Question; set: Set<string> }[]>();
  for (const question of questions) {
    const list = byTopic.get(question.topic) ?? [];
    list.push({ question, set: shingles(`${question.prompt.en}\n${question.code ?? ""}`) });
    byTopic.set(question.topic, list);
  }
  const found: NearDuplicate[] = [];
  const t = NEAR_DUPLICATE_THRESHOLD;
  for (const list of byTopic.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = list[i]!;
        const b = list[j]!;
        // Dice >= t is impossible when the sizes differ by more than this ratio.
        const ratio = Math.min(a.set.size, b.set.size) / Math.max(a.set.size, b.set.size, 1);
        if (ratio < t / (2 - t)) continue;
        const similarity = dice(a.set, b.set);
        if (similarity >= t) found.push({ question: a.question, original: b.question, similarity });
      }
    }
  }
  return found;
}
