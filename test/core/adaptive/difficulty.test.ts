import { describe, expect, it } from "vitest";
import { createDifficultyTable, DEFAULT_ELO, eloGain, initialDifficulty, levelPrior, updateDifficulty } from "../../../src/core/adaptive/index.ts";

describe("question difficulty", () => {
  it("starts from the level: easy −1, medium 0, hard +1", () => {
    expect([1, 2, 3].map((l) => levelPrior(l as 1 | 2 | 3))).toEqual([-1, 0, 1]);
    expect(initialDifficulty(3)).toEqual({ b: 1, n: 0 });
  });

  it("takes the Elo step b ← b − K(n)(y − P̂) with K(n) = α / (1 + β(n + n₀))", () => {
    const issue = { alpha: 0.8, beta: 0.05, n0: 20 };
    expect(eloGain(0, issue)).toBeCloseTo(0.4, 12);
    // A right answer that was predicted at 0.6 makes the question easier by 0.4 · 0.4.
    const easier = updateDifficulty({ b: 0, n: 0 }, { correct: true, predicted: 0.6 }, issue);
    expect(easier.b).toBeCloseTo(-0.16, 12);
    expect(easier.n).toBe(1);
    // A surprise miss on a question after 20 attempts: K = 0.8 / 3.
    const after = updateDifficulty({ b: 0.5, n: 20 }, { correct: false, predicted: 0.9 }, issue);
    expect(after.b).toBeCloseTo(0.5 + (0.8 / 3) * 0.9, 12);
    expect(after.n).toBe(21);
  });

  it("uses a gain that falls as attempts accumulate, so settled questions move little", () => {
    const gains = [0, 1, 10, 100, 1000].map((n) => eloGain(n));
    for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThan(gains[i - 1] as number);
    expect(eloGain(0)).toBeCloseTo(DEFAULT_ELO.alpha / (1 + DEFAULT_ELO.beta * DEFAULT_ELO.n0), 12);
  });

  it("keeps states in a table that reads back what was set", () => {
    const table = createDifficultyTable([["a", { b: 0.3, n: 4 }]]);
    expect(table.get("a")).toEqual({ b: 0.3, n: 4 });
    expect(table.get("b")).toBeUndefined();
    for (let i = 0; i < 200; i++) table.set(`q${i}`, { b: i / 100, n: i });
    expect(table.get("q150")).toEqual({ b: 1.5, n: 150 });
    expect(table.size).toBe(201);
  });
});
