/**
 * `npx tsx bench/adaptive/adf-check.ts`: does persisting only `{ mean, sd, n }`
 * cost accuracy? The same learners answer the same engine-selected questions
 * (known b); θ is estimated once by the engine's `updateAbility` (a Gaussian
 * summary after every answer) and once by a full grid posterior kept across
 * all answers, the reference the summary approximates.
 */
import { priorAbility, selectNext, updateAbility, pCorrect, type AbilityState } from "../../src/core/adaptive/index.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { simulateBank, simulateLearners, trueP } from "./sim-bank.ts";

const POINTS = 161;
const grid = Float64Array.from({ length: POINTS }, (_, i) => -4 + (8 * i) / (POINTS - 1));

/** Full posterior on the grid, never summarised. */
function fullUpdate(posterior: Float64Array, correct: boolean, b: number, c: number): AbilityState {
  let mass = 0;
  for (let i = 0; i < POINTS; i++) {
    const p = pCorrect(grid[i] as number, b, c);
    posterior[i] = (posterior[i] as number) * (correct ? p : 1 - p);
    mass += posterior[i] as number;
  }
  let mean = 0;
  let second = 0;
  for (let i = 0; i < POINTS; i++) {
    posterior[i] = (posterior[i] as number) / mass;
    mean += (posterior[i] as number) * (grid[i] as number);
    second += (posterior[i] as number) * (grid[i] as number) ** 2;
  }
  return { mean, sd: Math.sqrt(Math.max(second - mean * mean, 1e-6)), n: 0 };
}

for (const mode of ["engine (mean, sd) summary", "full grid posterior"] as const) {
  const sums = { 10: 0, 20: 0, 30: 0 } as Record<number, number>;
  let learners = 0;
  for (const seed of [11, 12, 13]) {
    const bank = simulateBank({ items: 500, misspecified: false, levelNoise: 0.5, topic: "sim" }, createSeededRng(seed));
    const truth = new Map(bank.map((q) => [q.id, { b: q.trueB, n: 0 }]));
    const thetas = simulateLearners(3000, createSeededRng(seed + 7));
    const answerRng = createSeededRng(seed + 8);
    const pickRng = createSeededRng(seed + 9);
    for (const theta of thetas) {
      let state: AbilityState = priorAbility();
      const posterior = grid.map((t) => Math.exp(-0.5 * t * t));
      const seen = new Set<string>();
      for (let k = 1; k <= 30; k++) {
        const q = selectNext({ candidates: bank, difficulty: (id) => truth.get(id), ability: () => state, exclude: seen, rng: pickRng });
        if (q === undefined) break;
        seen.add(q.id);
        const correct = answerRng.next() < trueP(q, theta);
        state = mode === "full grid posterior" ? fullUpdate(posterior, correct, q.trueB, 0.25) : updateAbility(state, { correct, b: q.trueB, c: 0.25 });
        if (k in sums) sums[k] = (sums[k] ?? 0) + (state.mean - theta) ** 2;
      }
      learners++;
    }
  }
  const rmse = (k: number) => Math.sqrt((sums[k] ?? 0) / learners).toFixed(4);
  process.stdout.write(`${mode.padEnd(28)} θ RMSE after 10 ${rmse(10)}  20 ${rmse(20)}  30 ${rmse(30)}  (${learners} learners)\n`);
}
