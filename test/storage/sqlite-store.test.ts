import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SETTINGS, type Store } from "../../src/core/ports.ts";
import { closeDatabase, createSqliteStore, openDatabase, type SqliteDatabase } from "../../src/storage/index.ts";
import { SCORE_SQL } from "../../src/storage/sqlite-scores.ts";
import { SESSION_SQL } from "../../src/storage/sqlite-sessions.ts";

// What the contract suite can't see through the port: the SQL, the indexes and the constraints.

let db: SqliteDatabase;
let store: Store;
const NOW = Date.UTC(2026, 10, 23, 12);

beforeEach(() => {
  db = openDatabase(":memory:");
  store = createSqliteStore(db, { clock: { now: () => NOW } });
});
afterEach(() => closeDatabase(db));

function plan(sql: string, ...params: unknown[]): string {
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => row.detail)
    .join("\n");
}

function seedRound(): number {
  store.upsertUser("tg:1", "Ann");
  store.ensureChat("tg:-100", "group");
  return store.createSession({ chatId: "tg:-100", kind: "round", startedBy: "tg:1", createdAt: 1, closesAt: 2, state: {} }).id;
}

const answerOf = (sessionId: number, userId = "tg:1") => ({
  userId,
  chatId: "tg:-100",
  questionId: "refcount/q1",
  topic: "refcount",
  sessionId,
  questionIndex: 0,
  option: 0,
  correct: true,
  answeredAt: 10,
  responseMs: 5,
});

describe("the SQLite store", () => {
  it("prepares every statement when it is created, never per call", () => {
    const prepare = vi.spyOn(db, "prepare");
    const round = seedRound();
    const answerId = store.appendAnswer(answerOf(round)) ?? 0;
    store.transaction(() => store.addAward({ answerId, userId: "tg:1", chatId: "tg:-100", points: 10, at: 10 }, [{ scope: "global", period: "all", key: "all" }]));
    store.top({ scope: "global", period: "all", key: "all" }, 10);
    store.rank({ scope: "global", period: "all", key: "all" }, "tg:1");
    store.sessionTotals(round);
    store.dueSessions(5);
    store.nextDeadline();
    store.pending(10);
    expect(prepare).not.toHaveBeenCalled();
  });

  it("stamps new users and chats with its clock", () => {
    seedRound();
    expect(db.prepare("SELECT created_at FROM users").pluck().get()).toBe(NOW);
    expect(db.prepare("SELECT created_at FROM chats").pluck().get()).toBe(NOW);
  });

  it("stores new chats' settings as {} so they follow the defaults, and fills missing or malformed keys from them", () => {
    store.ensureChat("tg:-100", "group");
    expect(db.prepare("SELECT settings FROM chats").pluck().get()).toBe("{}");
    db.prepare(`UPDATE chats SET settings = '{"roundQuestions": 8, "roundSeconds": "fast", "topics": [1]}'`).run();
    // A raw write on the store's own connection bypasses its chat cache: read through a fresh store.
    expect(createSqliteStore(db).getChat("tg:-100")?.settings).toEqual({ ...DEFAULT_SETTINGS, roundQuestions: 8 });
  });

  it("counts attempts and correct answers per question", () => {
    store.recordQuestionStat("refcount/q1", true, 1_000);
    store.recordQuestionStat("refcount/q1", false, 3_000);
    store.recordQuestionStat("refcount/q1", true, 2_000);
    store.recordQuestionStat("gc/q2", false, 1_000);
    expect(db.prepare("SELECT question_id, attempts, correct, updated_at FROM question_stats ORDER BY question_id").raw().all()).toEqual([
      ["gc/q2", 1, 0, 1_000],
      ["refcount/q1", 3, 2, 3_000],
    ]);
  });

  // Only the "already answered" conflict is an expected outcome; anything else is a fault.
  it("throws, rather than returning null, when the answering user is not stored", () => {
    const round = seedRound();
    expect(() => store.appendAnswer(answerOf(round, "tg:404"))).toThrow(/FOREIGN KEY/);
  });

  it("refuses a second open round in a chat", () => {
    seedRound();
    expect(() =>
      store.createSession({ chatId: "tg:-100", kind: "round", startedBy: "tg:1", createdAt: 3, closesAt: 4, state: {} }),
    ).toThrow(/UNIQUE constraint failed/);
  });

  it("adds an award to each board once, even when a board is given twice", () => {
    const round = seedRound();
    const board = { scope: "tg:-100", period: "week", key: "2026-W48" } as const;
    store.addAward({ answerId: store.appendAnswer(answerOf(round)) ?? 0, userId: "tg:1", chatId: "tg:-100", points: 10, at: 10 }, [board, { ...board }]);
    expect(store.rank(board, "tg:1")?.points).toBe(10);
  });

  it("refuses a second award for one answer and leaves the boards as they were", () => {
    const round = seedRound();
    const answerId = store.appendAnswer(answerOf(round)) ?? 0;
    const board = { scope: "global", period: "all", key: "all" } as const;
    store.addAward({ answerId, userId: "tg:1", chatId: "tg:-100", points: 10, at: 10 }, [board]);
    expect(() => store.addAward({ answerId, userId: "tg:1", chatId: "tg:-100", points: 10, at: 10 }, [board])).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(store.rank(board, "tg:1")).toEqual({ rank: 1, points: 10, players: 1 });
  });

  it("refuses an async transaction function, so transactions stay synchronous", () => {
    seedRound();
    expect(() => store.transaction(async () => store.upsertUser("tg:2", "Bob"))).toThrow(/cannot return a promise/);
    expect(store.getUser("tg:2")).toBeUndefined();
  });

  it("reads the top of a board through scores_rank and ranks from the board's score_counts", () => {
    const board = { scope: "c", period: "week", key: "k" };
    expect(plan(SCORE_SQL.top, { ...board, limit: 10 })).toMatch(/SEARCH s USING COVERING INDEX scores_rank/);
    const rankPlan = plan(SCORE_SQL.rank, { ...board, userId: "u" });
    expect(rankPlan).toMatch(/SEARCH c USING PRIMARY KEY \(scope=\? AND period=\? AND period_key=\?\)/);
    // Counting the rows of `scores` itself is what made a rank slow on a million-player board.
    expect(rankPlan).not.toMatch(/scores_rank|SCAN/);
  });

  it("finds due sessions and the next deadline through the sessions_due index", () => {
    expect(plan(SESSION_SQL.due, 1)).toMatch(/USING INDEX sessions_due/);
    expect(plan(SESSION_SQL.nextDeadline)).toMatch(/sessions_due/);
    expect(plan(SESSION_SQL.openBy, "c", "practice", "u")).toMatch(/USING INDEX sessions_open/);
  });
});
