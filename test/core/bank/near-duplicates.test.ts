import { describe, expect, it } from "vitest";
import type { Question } from "../../../src/core/bank/types.ts";
import { findNearDuplicates, findNearDuplicatesByBruteForce } from "../../../src/core/bank/near-duplicates.ts";
import { createSeededRng } from "../../../src/core/rng.ts";

const UNICODE_WORDS = ["сборщик", "цикл", "ссылка", "объект", "ÿþ", "Āx", "ϿЀ", "😀", "gc"];
const WORDS = ["refcount", "cycle", "finalizer", "weakref", "arena", "pool", "object", "frame", "del", "gc", "collect", "generation", "shutdown", "module"];

/** A question with just what the near-duplicate check reads. */
function question(id: string, topic: string, prompt: string, code?: string): Question {
  return { id, topic, prompt: { en: prompt, ru: prompt }, ...(code === undefined ? {} : { code }) } as unknown as Question;
}

/** Random prompts, a share of them copies of an earlier one with a character or a word changed. */
function randomBank(seed: number, count: number, words: readonly string[] = WORDS): Question[] {
  const rng = createSeededRng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng.next() * items.length)]!;
  const out: Question[] = [];
  for (let i = 0; i < count; i++) {
    const topic = pick(["a", "b", "c"]);
    const earlier = out.filter((q) => q.topic === topic);
    let prompt: string;
    if (earlier.length > 0 && rng.next() < 0.3) {
      const base = pick(earlier).prompt.en;
      const at = Math.floor(rng.next() * base.length);
      prompt = rng.next() < 0.5 ? `${base.slice(0, at)}${pick(words)[0]}${base.slice(at + 1)}` : `${base} ${pick(words)}`;
    } else {
      prompt = Array.from({ length: 3 + Math.floor(rng.next() * 20) }, () => pick(words)).join(" ");
    }
    out.push(question(`${topic}/q-${i}`, topic, prompt, rng.next() < 0.3 ? `x = ${Math.floor(rng.next() * 10)}` : undefined));
  }
  return out;
}

const pairs = (found: ReturnType<typeof findNearDuplicates>) => found.map((d) => [d.question.id, d.original.id, d.similarity]);

describe("near-duplicate questions", () => {
  it("finds exactly the pairs that comparing every pair finds, in the same order", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const bank = randomBank(seed, 400);
      const expected = findNearDuplicatesByBruteForce(bank);
      expect(expected.length).toBeGreaterThan(5);
      expect(pairs(findNearDuplicates(bank))).toEqual(pairs(expected));
    }
  });

  it("agrees with comparing every pair on text beyond ASCII, down to pairs at the threshold", () => {
    let closeToThreshold = 0;
    for (const seed of [11, 12, 13]) {
      const bank = randomBank(seed, 400, UNICODE_WORDS);
      const expected = findNearDuplicatesByBruteForce(bank);
      expect(expected.length).toBeGreaterThan(5);
      expect(pairs(findNearDuplicates(bank))).toEqual(pairs(expected));
      closeToThreshold += expected.filter((d) => d.similarity < 0.92).length;
    }
    expect(closeToThreshold).toBeGreaterThan(0);
  });

  it("pairs prompts too short to have shingles with each other only", () => {
    const bank = [question("a/1", "a", "gc"), question("a/2", "a", "refcounting and cycles"), question("a/3", "a", "x"), question("b/4", "b", "gc")];
    expect(pairs(findNearDuplicates(bank))).toEqual([["a/3", "a/1", 1]]);
  });
});
