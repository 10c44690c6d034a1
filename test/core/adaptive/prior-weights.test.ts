import { describe, expect, it } from "vitest";
import { createAbilityGrid, DEFAULT_GRID, priorWeights } from "../../../src/core/adaptive/ability-grid.ts";
import { createSeededRng } from "../../../src/core/rng.ts";

describe("the prior's weights on the grid", () => {
  it("match exp(−(θ − mean)² / 2sd²) at every point, for means anywhere on the grid and spreads from narrow to wide", () => {
    const rng = createSeededRng(7);
    const cases: [number, number][] = [[0, 1], [-4, 0.05], [4, 0.05], [3.99, 2], [-1.234, 0.1], [0.025, 0.05]];
    for (let i = 0; i < 500; i++) cases.push([rng.next() * 8 - 4, 0.05 + rng.next() * 2]);
    for (const grid of [DEFAULT_GRID, createAbilityGrid(81), createAbilityGrid(7, -1, 2)]) {
      for (const [mean, sd] of cases) {
        const weights = priorWeights(grid, mean, sd);
        expect(weights).toHaveLength(grid.theta.length);
        grid.theta.forEach((theta, i) => {
          const exact = Math.exp((-0.5 * (theta - mean) ** 2) / (sd * sd));
          // Relative to the largest weight (1 at most): tails far below it may underflow a little earlier.
          expect(Math.abs((weights[i] as number) - exact)).toBeLessThan(1e-12 * Math.max(exact, 1e-300) + 1e-300);
        });
      }
    }
  });
});
