/**
 * Leaderboards at scale: on the seeded database (1,000,000 users, 10,000
 * chats, 20,000,000 answers; quick 1/100, see seeded-database.ts), opened
 * with `openDatabase` and read through the SQLite store, times what `/top`
 * asks the store for, the top 10 and the caller's rank, on the chat and the
 * global boards of the week, the month and all time, as the boards stand at
 * the end of the seeded history. Also the global all-time rank alone of the
 * player in the middle of the table.
 */
import { statSync } from "node:fs";
import type { BoardKey, Period, Store } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { boardKey } from "../../src/app/use-cases/board-keys.ts";
import { closeDatabase, createSqliteStore, openDatabase, type SqliteDatabase } from "../../src/storage/index.ts";
import { summarise, type Progress } from "./common.ts";
import { chatIdOf } from "./leaderboard-seed.ts";
import { withSeededDatabase, type SeededDatabase } from "./seeded-database.ts";

export interface LeaderboardOptions {
  /** 1/100 scale, fewer calls. */
  readonly quick?: boolean;
  /** A seeded database to use; seeded (or the kept one reused) when absent. */
  readonly seeded?: SeededDatabase;
  /** Timed calls per query kind (2,000; quick 200). */
  readonly calls?: number;
  readonly progress?: Progress;
}

/** Latencies of one kind of query, in milliseconds. */
export interface QueryFigures {
  /** Players on the boards of this kind that were queried (the largest). */
  readonly players: number;
  /** `top(board, 10)` + `rank(board, caller)`, timed together. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Each alone. */
  readonly topP99Ms: number;
  readonly rankP99Ms: number;
}

export interface LeaderboardResult {
  readonly users: number;
  readonly chats: number;
  readonly answers: number;
  readonly scoreRows: number;
  readonly calls: number;
  /** Seconds spent seeding, or NaN when a kept seed was reused. */
  readonly seedSeconds: number;
  readonly fileMb: number;
  /** Leaderboard rows and awards compared with the app's recomputation; none differed. */
  readonly verifiedRows: number;
  readonly verifiedAwards: number;
  readonly queries: Record<`${"chat" | "global"}-${Period}`, QueryFigures>;
  /** The global all-time rank of the mid-table player alone. */
  readonly midTableRank: { readonly rank: number; readonly players: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
}

const PERIODS: readonly Period[] = ["week", "month", "all"];
/** Chats whose boards are queried: the busiest and a spread of others. */
const QUERIED_CHATS = 20;
const WARMUP_CALLS = 50;

function playersOf(db: SqliteDatabase, board: BoardKey): string[] {
  return db
    .prepare<[string, string, string], string>("SELECT user_id FROM scores WHERE scope = ? AND period = ? AND period_key = ?")
    .pluck()
    .all(board.scope, board.period, board.key);
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Times `calls` rounds of top 10 + rank, each on a random board of the list and a random player on it. */
function timeBoards(store: Store, boards: readonly { board: BoardKey; players: readonly string[] }[], calls: number, seed: number): QueryFigures {
  const rng = createSeededRng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng.next() * items.length)]!;
  const both = new Float64Array(calls);
  const tops = new Float64Array(calls);
  const ranks = new Float64Array(calls);
  for (let i = -WARMUP_CALLS; i < calls; i++) {
    const { board, players } = pick(boards);
    const caller = pick(players);
    const top = time(() => store.top(board, 10));
    const rank = time(() => {
      if (store.rank(board, caller) === undefined) throw new Error(`${caller} has no rank on ${JSON.stringify(board)}`);
    });
    if (i < 0) continue;
    tops[i] = top;
    ranks[i] = rank;
    both[i] = top + rank;
  }
  const s = summarise(both);
  return {
    players: Math.max(...boards.map((b) => b.players.length)),
    p50Ms: s.p50,
    p99Ms: s.p99,
    maxMs: s.max,
    topP99Ms: summarise(tops).p99,
    rankP99Ms: summarise(ranks).p99,
  };
}

/** Seeds (or reuses) the big database and times the leaderboard queries on it. */
export async function measureLeaderboard(options: LeaderboardOptions = {}): Promise<LeaderboardResult> {
  const quick = options.quick ?? false;
  const calls = options.calls ?? (quick ? 200 : 2_000);
  const progress = options.progress ?? (() => {});
  const measure = (seeded: SeededDatabase) => measureOn(seeded, calls, progress);
  return options.seeded ? measure(options.seeded) : withSeededDatabase({ quick, progress }, measure);
}

function measureOn(seeded: SeededDatabase, calls: number, progress: Progress): LeaderboardResult {
  const { params } = seeded;
  // Read-write, as the bot opens it; nothing here writes.
  const db = openDatabase(seeded.path);
  try {
    const store = createSqliteStore(db, { clock: { now: () => params.end } });
    const scoreRows = db.prepare<[], number>("SELECT SUM(players) FROM score_counts").pluck().get() ?? 0;
    const chatIndexes = [0, ...Array.from({ length: QUERIED_CHATS - 1 }, (_, i) => 1 + Math.floor(((i + 1) * (params.chats - 1)) / QUERIED_CHATS))];
    const queries = {} as Record<`${"chat" | "global"}-${Period}`, QueryFigures>;
    for (const period of PERIODS) {
      for (const scope of ["chat", "global"] as const) {
        // The board /top reads: a chat's weeks and months follow its time zone, the global ones UTC.
        const boards = (scope === "global" ? [null] : chatIndexes.map((c) => store.getChat(chatIdOf(c)) ?? null))
          .map((chat) => boardKey(chat, period, params.end))
          .map((board) => ({ board, players: playersOf(db, board) }))
          .filter((b) => b.players.length > 0);
        progress(`leaderboard: ${scope} ${period}: ${calls} × top 10 + rank on ${boards.length} board(s), up to ${Math.max(...boards.map((b) => b.players.length))} players`);
        queries[`${scope}-${period}`] = timeBoards(store, boards, calls, 31 + PERIODS.indexOf(period));
      }
    }
    const allTime = boardKey(null, "all", params.end);
    const players = db.prepare<[], number>("SELECT COUNT(*) FROM scores WHERE scope = 'global' AND period = 'all' AND period_key = 'all'").pluck().get() ?? 0;
    const mid = db
      .prepare<[number], string>("SELECT user_id FROM scores WHERE scope = 'global' AND period = 'all' AND period_key = 'all' ORDER BY points DESC LIMIT 1 OFFSET ?")
      .pluck()
      .get(Math.floor(players / 2));
    if (mid === undefined) throw new Error("no mid-table player");
    const midRank = store.rank(allTime, mid);
    const times = new Float64Array(calls);
    for (let i = -WARMUP_CALLS; i < calls; i++) {
      const dt = time(() => store.rank(allTime, mid));
      if (i >= 0) times[i] = dt;
    }
    const m = summarise(times);
    progress(`leaderboard: global all-time rank of the mid-table player: ${midRank?.rank} of ${midRank?.players}`);
    return {
      users: params.users,
      chats: params.chats,
      answers: params.answers,
      scoreRows,
      calls,
      seedSeconds: seeded.stats?.seconds ?? Number.NaN,
      fileMb: statSync(seeded.path).size / 1e6,
      verifiedRows: seeded.verified.rowsCompared,
      verifiedAwards: seeded.verified.awardsCompared,
      queries,
      midTableRank: { rank: midRank?.rank ?? Number.NaN, players: midRank?.players ?? Number.NaN, p50Ms: m.p50, p99Ms: m.p99, maxMs: m.max },
    };
  } finally {
    closeDatabase(db);
  }
}

/** `tsx bench/perf/leaderboard.ts [--quick]`: prints the figures. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureLeaderboard({ quick: process.argv.includes("--quick"), progress: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
