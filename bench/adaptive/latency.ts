/**
 * Next-question latency: `selectNext` over a 10,000-question bank in 10
 * topics for a user with 1,000 answers (1,000 questions in their recency
 * map, learned difficulties for every question, an ability per topic).
 */
import {
  createDifficultyTable,
  initialDifficulty,
  priorAbility,
  selectNext,
  topicPrior,
  updateAbility,
  type AbilityState,
  type SelectableQuestion,
} from "../../src/core/adaptive/index.ts";
import type { Level } from "../../src/core/bank/types.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { median, normal, quantile } from "./stats.ts";

/** Latency percentiles in milliseconds: each is the median over rounds of that round's percentile. */
export interface LatencyResult {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly calls: number;
  readonly rounds: number;
}

/** Times `calls` picks per round for `rounds` rounds, after a warm-up. */
export function measureSelectLatency(options: {
  seed: number;
  questions?: number;
  answers?: number;
  calls?: number;
  rounds?: number;
  /** Pass difficulties as a function over a Map instead of a DifficultyTable. */
  useCallback?: boolean;
}): LatencyResult {
  const questions = options.questions ?? 10_000;
  const answers = options.answers ?? 1_000;
  const calls = options.calls ?? 2_000;
  const rounds = options.rounds ?? 5;
  const rng = createSeededRng(options.seed);
  const topics = Array.from({ length: 10 }, (_, t) => `topic-${t}`);
  const optionSets = [2, 3, 4, 4, 4, 4, 5, 6].map((n) => Object.freeze(Array.from({ length: n }, (_, i) => `option ${i}`)));

  // Frozen like the app's bank, so selection can cache its view of it.
  const bank: readonly SelectableQuestion[] = Object.freeze(Array.from({ length: questions }, (_, i) => ({
    id: `${topics[i % topics.length]}/q-${i}`,
    topic: topics[i % topics.length] as string,
    level: (1 + (i % 3)) as Level,
    options: optionSets[i % optionSets.length] as readonly string[],
  })));
  const difficulty = createDifficultyTable();
  for (const q of bank) difficulty.set(q.id, { b: initialDifficulty(q.level).b + 0.6 * normal(rng), n: 50 + Math.floor(200 * rng.next()) });

  // A user with `answers` answers: their recency map and abilities shaped by those answers.
  const seen = new Map<string, number>();
  let overall: AbilityState = priorAbility();
  const byTopic = new Map<string, AbilityState>();
  const t0 = Date.UTC(2026, 0, 1);
  for (let k = 0; k < answers; k++) {
    const q = bank[Math.floor(rng.next() * bank.length)] as SelectableQuestion;
    seen.set(q.id, t0 + k * 60_000);
    const observation = { correct: rng.next() < 0.7, b: difficulty.get(q.id)?.b ?? 0, c: 1 / q.options.length };
    byTopic.set(q.topic, updateAbility(byTopic.get(q.topic) ?? topicPrior(overall), observation));
    overall = updateAbility(overall, observation);
  }
  const ability = (topic: string): AbilityState => byTopic.get(topic) ?? topicPrior(overall);
  const pickRng = createSeededRng(options.seed + 1);
  const lookup = options.useCallback === true ? (id: string) => difficulty.get(id) : difficulty;
  const pick = () => selectNext({ candidates: bank, difficulty: lookup, ability, seen, rng: pickRng });

  for (let i = 0; i < 1_000; i++) pick(); // warm-up: let V8 optimise the hot loop
  const p50: number[] = [];
  const p99: number[] = [];
  const times = new Array<number>(calls);
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < calls; i++) {
      const start = process.hrtime.bigint();
      const q = pick();
      times[i] = Number(process.hrtime.bigint() - start) / 1e6;
      sink += q === undefined ? 0 : 1;
    }
    p50.push(quantile(times, 0.5));
    p99.push(quantile(times, 0.99));
  }
  if (sink === 0) throw new Error("latency bench picked nothing");
  return { p50Ms: median(p50), p99Ms: median(p99), calls, rounds };
}
