import { describe, expect, it } from "vitest";
import {
  createDifficultyTable,
  medianAbility,
  predictCorrect,
  selectMany,
  selectNext,
  type AbilityState,
  type DifficultyState,
  type SelectableQuestion,
} from "../../../src/core/adaptive/index.ts";
import type { Level } from "../../../src/core/bank/types.ts";
import { createSeededRng } from "../../../src/core/rng.ts";

const FOUR = ["w", "x", "y", "z"];

/** 41 questions per topic with difficulties −2.0, −1.9, …, +2.0, frozen like the bank's lists. */
function bank(topics: readonly string[]): { questions: readonly SelectableQuestion[]; b: Map<string, DifficultyState> } {
  const questions: SelectableQuestion[] = [];
  const b = new Map<string, DifficultyState>();
  for (const topic of topics) {
    for (let i = 0; i <= 40; i++) {
      const id = `${topic}/q${i}`;
      questions.push({ id, topic, level: 2 as Level, options: FOUR });
      b.set(id, { b: -2 + i / 10, n: 100 });
    }
  }
  return { questions: Object.freeze(questions), b };
}

const learner: AbilityState = { mean: 0.5, sd: 0.3, n: 40 };

/** The ids of the `k` questions whose predicted success is closest to `target`, by the grid posterior predictive. */
function closest(questions: readonly SelectableQuestion[], b: Map<string, DifficultyState>, ability: AbilityState, k: number, target = 0.7): string[] {
  return [...questions]
    .map((q) => ({ id: q.id, gap: Math.abs(predictCorrect(ability, b.get(q.id)?.b ?? 0, 1 / q.options.length) - target) }))
    .sort((x, y) => x.gap - y.gap)
    .slice(0, k)
    .map((x) => x.id);
}

describe("selecting the next question", () => {
  const { questions, b } = bank(["gc", "refcount"]);
  const difficulty = (id: string) => b.get(id);

  it("picks one of the five questions whose predicted success is closest to 70%, at random among them", () => {
    const best = closest(questions, b, learner, 5);
    const picked = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const q = selectNext({ candidates: questions, topics: new Set(["gc"]), difficulty, ability: () => learner, rng: createSeededRng(seed) });
      expect(q).toBeDefined();
      picked.add(q?.id ?? "");
      expect(Math.abs(predictCorrect(learner, b.get(q?.id ?? "")?.b ?? 0, 0.25) - 0.7)).toBeLessThan(0.05);
    }
    const inTopic = closest(questions.filter((q) => q.topic === "gc"), b, learner, 5);
    expect([...picked].every((id) => inTopic.includes(id))).toBe(true);
    expect(picked.size).toBeGreaterThan(2);
    expect(best.length).toBe(5);
  });

  it("never picks an excluded question or one from a topic not asked for", () => {
    const inTopic = closest(questions.filter((q) => q.topic === "refcount"), b, learner, 8);
    const exclude = new Set(inTopic.slice(0, 3));
    for (let seed = 1; seed <= 40; seed++) {
      const q = selectNext({ candidates: questions, topics: new Set(["refcount"]), difficulty, ability: () => learner, exclude, rng: createSeededRng(seed) });
      expect(q?.topic).toBe("refcount");
      expect(exclude.has(q?.id ?? "")).toBe(false);
      expect(inTopic.slice(3)).toContain(q?.id);
    }
  });

  it("gives the same picks for the same seed", () => {
    const run = (seed: number) => selectMany({ candidates: questions, difficulty, ability: () => learner, rng: createSeededRng(seed) }, 10).map((q) => q.id);
    expect(run(42)).toEqual(run(42));
    expect(new Set(run(42)).size).toBe(10);
    expect(run(42)).not.toEqual(run(43));
  });

  it("uses each topic's own ability", () => {
    const ability = (topic: string): AbilityState => (topic === "gc" ? { mean: -1.5, sd: 0.3, n: 20 } : { mean: 1.5, sd: 0.3, n: 20 });
    const q = selectNext({ candidates: questions, difficulty, ability, rng: createSeededRng(3), pool: 1 });
    // Both topics have a question at 70% for their learner; the first such question wins a tie.
    expect(Math.abs(predictCorrect(ability(q?.topic ?? ""), b.get(q?.id ?? "")?.b ?? 0, 0.25) - 0.7)).toBeLessThan(0.02);
  });

  it("prefers an unseen question, however poorly it fits, to a seen one", () => {
    const gc = questions.filter((q) => q.topic === "gc");
    const seen = new Map(gc.slice(1).map((q, i) => [q.id, 1000 + i] as const));
    const q = selectNext({ candidates: gc, difficulty, ability: () => learner, seen, rng: createSeededRng(1) });
    expect(q?.id).toBe("gc/q0");
  });

  it("reuses the least recently seen half once every question was seen", () => {
    const gc = questions.filter((q) => q.topic === "gc");
    // The questions that fit best were seen most recently.
    const fit = closest(gc, b, learner, gc.length);
    const seen = new Map(fit.map((id, rank) => [id, 10_000 - rank] as const));
    const cutoff = [...seen.values()].sort((x, y) => x - y)[Math.floor((gc.length - 1) / 2)] ?? 0;
    for (let seed = 1; seed <= 30; seed++) {
      const q = selectNext({ candidates: gc, difficulty, ability: () => learner, seen, rng: createSeededRng(seed) });
      expect(seen.get(q?.id ?? "")).toBeLessThanOrEqual(cutoff);
    }
  });

  it("returns nothing when every candidate is excluded", () => {
    const all = new Set(questions.map((q) => q.id));
    expect(selectNext({ candidates: questions, difficulty, ability: () => learner, exclude: all, rng: createSeededRng(1) })).toBeUndefined();
    expect(selectNext({ candidates: questions, topics: new Set(["weakref"]), difficulty, ability: () => learner, rng: createSeededRng(1) })).toBeUndefined();
  });

  it("reads a DifficultyTable exactly as it reads a lookup function", () => {
    const table = createDifficultyTable(b);
    for (let seed = 1; seed <= 20; seed++) {
      const viaTable = selectNext({ candidates: questions, difficulty: table, ability: () => learner, rng: createSeededRng(seed) });
      const viaFunction = selectNext({ candidates: questions, difficulty, ability: () => learner, rng: createSeededRng(seed) });
      expect(viaTable?.id).toBe(viaFunction?.id);
    }
    // A later update is seen by the next pick (the table is read live, not copied).
    const first = selectNext({ candidates: questions, difficulty: table, ability: () => learner, rng: createSeededRng(5), pool: 1 });
    table.set(first?.id ?? "", { b: 3, n: 101 });
    expect(selectNext({ candidates: questions, difficulty: table, ability: () => learner, rng: createSeededRng(5), pool: 1 })?.id).not.toBe(first?.id);
  });

  it("falls back to the level prior for a question nobody has answered", () => {
    const fresh = Object.freeze([1, 2, 3].map((level) => ({ id: `new/${level}`, topic: "new", level: level as Level, options: FOUR })));
    // A strong learner fits the hard question best: 70% at b ≈ θ − 0.45.
    const q = selectNext({ candidates: fresh, difficulty: () => undefined, ability: () => ({ mean: 1.5, sd: 0.3, n: 50 }), rng: createSeededRng(1), pool: 1 });
    expect(q?.level).toBe(3);
  });

  it("aims a round at the chat's median player", () => {
    const players = [
      { mean: -1, sd: 0.4, n: 30 },
      { mean: 0.5, sd: 0.3, n: 40 },
      { mean: 3.9, sd: 0.2, n: 900 },
    ];
    const chat = medianAbility(players);
    const picks = selectMany({ candidates: questions, difficulty, ability: () => chat, rng: createSeededRng(9) }, 5);
    const fit = closest(questions, b, chat, 10);
    expect(picks.every((q) => fit.includes(q.id))).toBe(true);
  });
});
