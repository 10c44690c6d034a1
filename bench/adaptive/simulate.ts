/**
 * The learner simulation behind `npm run bench:adaptive` and its fast test:
 * the same simulated learners answer through random selection and through
 * the engine's adaptive selection. Every estimate comes from the engine in
 * src/core/adaptive: θ from `updateAbility` (starting at the prior), b from
 * the level prior and `updateDifficulty`, picks from `selectNext`.
 */
import {
  createDifficultyTable,
  DEFAULT_ELO,
  DEFAULT_GRID,
  guessFloor,
  initialDifficulty,
  levelPrior,
  predictCorrect,
  priorAbility,
  selectNext,
  updateAbility,
  updateDifficulty,
  type AbilityGrid,
  type AbilityState,
  type DifficultyTable,
  type EloParams,
} from "../../src/core/adaptive/index.ts";
import type { Rng } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { simulateBank, simulateLearners, trueP, type SimItem } from "./sim-bank.ts";
import { mean, rmse, sd } from "./stats.ts";

/** How a simulated learner's questions are chosen. */
export type PolicyName = "random" | "adaptive";

/** One simulation run. */
export interface SimOptions {
  readonly seed: number;
  readonly learners: number;
  /** Answers per learner. */
  readonly answers: number;
  readonly items: number;
  /** Draw true discrimination and guessing away from the engine's model. */
  readonly misspecified: boolean;
  readonly policies?: readonly PolicyName[];
  /** Learners after which item-difficulty RMSE is recorded. */
  readonly checkpoints?: readonly number[];
  /** Answer counts after which θ RMSE is recorded. */
  readonly thetaAt?: readonly number[];
  /** Give the engine the true b and skip the Elo updates (a diagnostic, not the benchmark's setting). */
  readonly knownDifficulty?: boolean;
  readonly elo?: EloParams;
  readonly grid?: AbilityGrid;
  readonly target?: number;
  readonly pool?: number;
  /** Called after each learner, for progress lines. */
  readonly onLearner?: (policy: PolicyName, done: number) => void;
}

/** What one policy achieved over every learner. */
export interface PolicyResult {
  /** θ RMSE after k answers, keyed by k. */
  readonly thetaRmse: Readonly<Record<number, number>>;
  /** θ RMSE after the last answer, for learners with |θ| > 1.5. */
  readonly thetaRmseExtreme: number;
  readonly meanSuccess: number;
  /** SD over learners of each learner's success rate. */
  readonly successSd: number;
  /** Share of learners whose success rate is within [0.55, 0.85]. */
  readonly shareInBand: number;
  /** Item-difficulty RMSE (estimate vs true b, unseen items at their level prior) at each checkpoint. */
  readonly itemRmse: readonly { readonly learners: number; readonly rmse: number }[];
}

/** Everything one run measured. */
export interface SimResult {
  /** RMSE of the level-only prior (−1/0/+1) against the true b. */
  readonly levelPriorRmse: number;
  readonly policies: Partial<Record<PolicyName, PolicyResult>>;
}

const BAND: readonly [number, number] = [0.55, 0.85];

/** Runs the simulation: one bank and one set of learners, each policy with its own fresh difficulty estimates. */
export function simulate(options: SimOptions): SimResult {
  const bank = simulateBank({ items: options.items, misspecified: options.misspecified, levelNoise: 0.5, topic: "sim" }, createSeededRng(options.seed));
  const thetas = simulateLearners(options.learners, createSeededRng(options.seed ^ 0x5bd1e995));
  const levelPriorRmse = rmse(
    bank.map((q) => levelPrior(q.level)),
    bank.map((q) => q.trueB),
  );
  const policies: Partial<Record<PolicyName, PolicyResult>> = {};
  (options.policies ?? ["random", "adaptive"]).forEach((policy, p) => {
    policies[policy] = runPolicy(policy, bank, thetas, options, options.seed + 1000 * (p + 1));
  });
  return { levelPriorRmse, policies };
}

function runPolicy(policy: PolicyName, bank: readonly SimItem[], thetas: Float64Array, options: SimOptions, seed: number): PolicyResult {
  const grid = options.grid ?? DEFAULT_GRID;
  const elo = options.elo ?? DEFAULT_ELO;
  const thetaAt = (options.thetaAt ?? [5, 10, 20, 30]).filter((k) => k <= options.answers);
  const checkpoints = new Set(options.checkpoints ?? []);
  const answerRng = createSeededRng(seed + 1);
  const pickRng = createSeededRng(seed + 2);
  const known = options.knownDifficulty === true;
  // With known difficulties the table holds the truth and is never updated.
  const difficulty = createDifficultyTable(known ? bank.map((q) => [q.id, { b: q.trueB, n: 0 }] as const) : []);
  const bOf = (q: SimItem): number => (difficulty.get(q.id) ?? initialDifficulty(q.level)).b;

  const errSq = new Map<number, number>(thetaAt.map((k) => [k, 0]));
  const success = new Float64Array(thetas.length);
  const extreme: number[] = [];
  const extremeTruth: number[] = [];
  const itemRmse: { learners: number; rmse: number }[] = [];

  for (let l = 0; l < thetas.length; l++) {
    const theta = thetas[l] as number;
    let ability: AbilityState = priorAbility();
    const seen = new Set<string>();
    let right = 0;
    for (let k = 1; k <= options.answers; k++) {
      const q = policy === "random" ? pickRandom(bank, seen, pickRng) : pickAdaptive(bank, seen, ability, difficulty, options, pickRng);
      if (q === undefined) break;
      seen.add(q.id);
      const b = bOf(q);
      const c = guessFloor(q.options.length);
      const correct = answerRng.next() < trueP(q, theta);
      if (!known) {
        // The Elo step compares the answer with the learner's prediction made before it.
        const state = difficulty.get(q.id) ?? initialDifficulty(q.level);
        difficulty.set(q.id, updateDifficulty(state, { correct, predicted: predictCorrect(ability, b, c, grid) }, elo));
      }
      ability = updateAbility(ability, { correct, b, c }, grid);
      if (correct) right++;
      const e = errSq.get(k);
      if (e !== undefined) errSq.set(k, e + (ability.mean - theta) ** 2);
    }
    success[l] = right / options.answers;
    if (Math.abs(theta) > 1.5) {
      extreme.push(ability.mean);
      extremeTruth.push(theta);
    }
    if (checkpoints.has(l + 1)) {
      itemRmse.push({ learners: l + 1, rmse: rmse(bank.map(bOf), bank.map((q) => q.trueB)) });
    }
    options.onLearner?.(policy, l + 1);
  }

  let inBand = 0;
  for (const s of success) if (s >= BAND[0] - 1e-9 && s <= BAND[1] + 1e-9) inBand++;
  return {
    thetaRmse: Object.fromEntries(thetaAt.map((k) => [k, Math.sqrt((errSq.get(k) ?? 0) / thetas.length)])),
    thetaRmseExtreme: rmse(extreme, extremeTruth),
    meanSuccess: mean(success),
    successSd: sd(success),
    shareInBand: inBand / thetas.length,
    itemRmse,
  };
}

/** A uniformly random question this learner has not seen. */
function pickRandom(bank: readonly SimItem[], seen: ReadonlySet<string>, rng: Rng): SimItem | undefined {
  if (seen.size >= bank.length) return undefined;
  for (;;) {
    const q = bank[Math.floor(rng.next() * bank.length)] as SimItem;
    if (!seen.has(q.id)) return q;
  }
}

/** The engine's pick: closest to the target success rate at the learner's current θ estimate. */
function pickAdaptive(
  bank: readonly SimItem[],
  seen: ReadonlySet<string>,
  ability: AbilityState,
  difficulty: DifficultyTable,
  options: SimOptions,
  rng: Rng,
): SimItem | undefined {
  return selectNext({
    candidates: bank,
    difficulty,
    ability: () => ability,
    exclude: seen,
    rng,
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.pool === undefined ? {} : { pool: options.pool }),
  });
}
