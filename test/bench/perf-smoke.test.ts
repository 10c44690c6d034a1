import { describe, expect, it } from "vitest";
import { measureIngest } from "../../bench/perf/ingest.ts";
import { measureLeaderboard } from "../../bench/perf/leaderboard.ts";
import { measureMemory } from "../../bench/perf/memory.ts";
import { measureNextQuestion } from "../../bench/perf/next-question.ts";
import { withSeededDatabase } from "../../bench/perf/seeded-database.ts";
import { measureStartup } from "../../bench/perf/startup.ts";

/** Every number in a result, with its path, nested objects and arrays included. */
function numbers(value: unknown, path = "result"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

function expectFinitePositive(result: unknown): void {
  const all = numbers(result);
  expect(all.length).toBeGreaterThan(0);
  for (const [path, n] of all) {
    expect(Number.isFinite(n), `${path} = ${n}`).toBe(true);
    expect(n, path).toBeGreaterThan(0);
  }
}

// Quick modes only, and no targets: these machines are shared and noisy.
describe("the perf benchmarks in quick mode", () => {
  it("ingest: steady answers, the raw SQLite baseline and a burst give finite positive figures", async () => {
    const result = await measureIngest({ quick: true });
    expectFinitePositive(result);
    expect(result.burst.accepted).toBe(result.burst.answers);
  });

  it("next question: next, start and the pick alone give finite positive latencies", async () => {
    expectFinitePositive(await measureNextQuestion({ quick: true }));
  });

  // One seed (1/100 scale, checked against the app's scoring) for both; a wrong seed throws.
  it("leaderboards and memory: queries on the seeded database, RSS while serving, heap over 10,000 answers", async () => {
    await withSeededDatabase({ quick: true, progress: () => {} }, async (seeded) => {
      const board = await measureLeaderboard({ quick: true, seeded });
      expectFinitePositive(board);
      expect(board.midTableRank.rank).toBeGreaterThan(1);
      const memory = await measureMemory({ quick: true, seeded });
      expectFinitePositive(memory);
      expect(memory.heap.answers).toBe(10_000);
    });
  }, 120_000);

  it("start-up: npm start reaches the greeting", async () => {
    expectFinitePositive(await measureStartup({ runs: 1 }));
  });
});
