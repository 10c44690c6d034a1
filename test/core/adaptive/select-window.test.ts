import { describe, expect, it } from "vitest";
import { createDifficultyTable, selectNext, type AbilityState, type DifficultyState, type SelectableQuestion } from "../../../src/core/adaptive/index.ts";
import type { Level } from "../../../src/core/bank/types.ts";
import type { Rng } from "../../../src/core/ports.ts";
import { createSeededRng } from "../../../src/core/rng.ts";

/**
 * The reference: every eligible candidate scored with its exponential, sorted
 * by (score, position), the first `pool` kept. selectNext skips the
 * exponential for candidates outside a window of z; it must keep exactly these.
 */
function reference(
  questions: readonly SelectableQuestion[],
  b: (q: SelectableQuestion) => number,
  ability: (topic: string) => AbilityState,
  seen: ReadonlyMap<string, number>,
  pool: number,
  target: number,
  topics: ReadonlySet<string> | undefined,
): string[] {
  return questions
    .filter((q) => topics === undefined || topics.has(q.topic))
    .map((q, i) => {
      const { mean, sd } = ability(q.topic);
      const slope = 1 / Math.sqrt(1 + (Math.PI * sd * sd) / 8);
      const c = 1 / q.options.length;
      return { id: q.id, i, score: Math.abs(c + (1 - c) / (1 + Math.exp(slope * (b(q) - mean))) - target) };
    })
    .filter((x) => !seen.has(x.id))
    .sort((x, y) => x.score - y.score || x.i - y.i)
    .slice(0, pool)
    .map((x) => x.id);
}

const fixed = (value: number): Rng => ({ next: () => value });

describe("selection's window on z", () => {
  it("keeps exactly the candidates an exponential for every one would keep", () => {
    const rng = createSeededRng(9);
    for (let trial = 0; trial < 60; trial++) {
      const topics = ["t0", "t1", "t2"];
      const questions: SelectableQuestion[] = [];
      const learned: [string, DifficultyState][] = [];
      const seen = new Map<string, number>();
      for (let i = 0; i < 400; i++) {
        const id = `q${i}`;
        const options = Array.from({ length: 2 + (i % 4) }, (_, k) => `o${k}`);
        questions.push({ id, topic: topics[i % 3]!, level: (1 + (i % 3)) as Level, options });
        // Coarse difficulties make ties, which must still be broken by position.
        if (rng.next() < 0.7) learned.push([id, { b: Math.round((rng.next() * 8 - 4) * 4) / 4, n: 10 }]);
        if (rng.next() < 0.3) seen.set(id, 1_000 + i);
      }
      Object.freeze(questions);
      const table = createDifficultyTable(learned);
      const byId = new Map(learned);
      const abilities = new Map(topics.map((t) => [t, { mean: rng.next() * 6 - 3, sd: 0.1 + rng.next() * 1.2, n: 5 }]));
      const ability = (topic: string) => abilities.get(topic)!;
      const target = [0.7, 0.5, 0.9][trial % 3]!;
      const pool = 1 + (trial % 7);
      // Every fourth trial asks for some topics only.
      const only = trial % 4 === 3 ? new Set(["t0", "t2"]) : undefined;
      const expected = reference(questions, (q) => byId.get(q.id)?.b ?? q.level - 2, ability, seen, pool, target, only);
      const picked = expected.map((_, k) =>
        selectNext({ candidates: questions, difficulty: table, ability, seen, rng: fixed((k + 0.5) / expected.length), target, pool, ...(only ? { topics: only } : {}) })?.id,
      );
      expect(picked).toEqual(expected);
    }
  });
});
