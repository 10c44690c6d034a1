/**
 * `npx tsx bench/adaptive/tune.ts [--elo | --grid | --spread]`: the searches
 * behind the engine's constants, over several seeds (a few minutes each;
 * not part of `npm run bench:adaptive`).
 * - `--elo` (default): Elo gain schedules, learned b, cold-start item RMSE.
 * - `--grid`: ability-grid sizes, known b.
 * - `--spread`: how much each gated figure moves from seed to seed.
 */
import { createAbilityGrid, DEFAULT_ELO, type AbilityGrid, type EloParams } from "../../src/core/adaptive/index.ts";
import { simulate, type PolicyResult } from "./simulate.ts";

const args = new Set(process.argv.slice(2));
const seeds = [101, 202, 303, 404, 505, 606, 707, 808].slice(0, args.has("--spread") ? 8 : 4);

interface Summary {
  readonly theta20: number[];
  readonly theta30: number[];
  readonly meanSuccess: number[];
  readonly successSd: number[];
  readonly band: number[];
  readonly item: number[][];
}

function summarize(known: boolean, misspecified: boolean, elo: EloParams, grid: AbilityGrid, learners = 4000): Summary {
  const s: Summary = { theta20: [], theta30: [], meanSuccess: [], successSd: [], band: [], item: [] };
  for (const seed of seeds) {
    const run = simulate({ seed, learners, answers: 30, items: 500, misspecified, knownDifficulty: known, policies: ["adaptive"], checkpoints: [100, 300, 1000, 3000], elo, grid });
    const a = run.policies.adaptive as PolicyResult;
    s.theta20.push(a.thetaRmse[20] ?? Number.NaN);
    s.theta30.push(a.thetaRmse[30] ?? Number.NaN);
    s.meanSuccess.push(a.meanSuccess);
    s.successSd.push(a.successSd);
    s.band.push(a.shareInBand);
    s.item.push([...a.itemRmse.map((r) => r.rmse), run.levelPriorRmse]);
  }
  return s;
}

const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (x: number) => x.toFixed(4);
const spread = (xs: readonly number[]) => `${f(avg(xs))} [${f(Math.min(...xs))}..${f(Math.max(...xs))}]`;

function line(label: string, s: Summary, withItems: boolean): string {
  const items = withItems ? `  item@100/300/1000/3000 ${[0, 1, 2, 3].map((i) => f(avg(s.item.map((r) => r[i] ?? Number.NaN)))).join(" ")} prior ${f(avg(s.item.map((r) => r[4] ?? Number.NaN)))}` : "";
  return `${label.padEnd(30)} θ20 ${f(avg(s.theta20))}  θ30 ${f(avg(s.theta30))}  success ${f(avg(s.meanSuccess))}  sSD ${f(avg(s.successSd))}  band ${f(avg(s.band))}${items}\n`;
}

const grid161 = createAbilityGrid(161);
if (args.has("--grid")) {
  for (const points of [81, 121, 161, 241]) process.stdout.write(line(`grid ${points} points`, summarize(true, false, DEFAULT_ELO, createAbilityGrid(points)), false));
} else if (args.has("--spread")) {
  for (const [label, known, mis] of [
    ["model-true, known b", true, false],
    ["model-true, learned b", false, false],
    ["misspecified, known b", true, true],
    ["misspecified, learned b", false, true],
  ] as const) {
    const s = summarize(known, mis, DEFAULT_ELO, grid161);
    process.stdout.write(`${label} over ${seeds.length} seeds: mean [min..max]\n`);
    process.stdout.write(`  θ RMSE 20 ${spread(s.theta20)}\n  θ RMSE 30 ${spread(s.theta30)}\n  mean success ${spread(s.meanSuccess)}\n  success SD ${spread(s.successSd)}\n  in band ${spread(s.band)}\n`);
    if (!known) for (const [i, n] of [100, 300, 1000, 3000].entries()) process.stdout.write(`  item RMSE @${n} ${spread(s.item.map((r) => r[i] ?? Number.NaN))}\n`);
  }
} else {
  // K(n) = α / (1 + β(n + n₀)) = K(0) / (1 + n/H) with H = 1/β + n₀: the search walks K(0) and H at n₀ = 20.
  for (const k0 of [0.1, 0.15, 0.2, 0.3, 0.4]) {
    for (const halfAt of [30, 40, 60, 100]) {
      const elo = fromShape(k0, halfAt);
      process.stdout.write(line(`α ${elo.alpha.toFixed(3)} β ${elo.beta.toFixed(4)} n₀ ${elo.n0}`, summarize(false, false, elo, grid161), true));
    }
  }
}

/** α and β (n₀ = 20) for a gain K(0) = k0 that halves after `halfAt` first attempts. */
function fromShape(k0: number, halfAt: number): EloParams {
  const n0 = 20;
  const beta = 1 / (halfAt - n0);
  return { alpha: k0 * (1 + beta * n0), beta, n0 };
}
