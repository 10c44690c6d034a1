import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BoardKey, RankInfo, Store } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import {
  closeDatabase,
  createSqliteStore,
  DEFAULT_MIGRATIONS_DIR,
  listMigrations,
  migrate,
  openDatabase,
  scoreCountDifferences,
  type SqliteDatabase,
} from "../../src/storage/index.ts";

// Ranks are read from `score_counts` (players per points total), which triggers on `scores` keep
// in step. These tests hold the rank to its definition, 1 + the players with strictly more points,
// computed naively from the rows of `scores`.

const CHAT = "tg:-100";
const WEEK: BoardKey = { scope: CHAT, period: "week", key: "2026-W48" };
const NEXT_WEEK: BoardKey = { scope: CHAT, period: "week", key: "2026-W49" };
const GLOBAL: BoardKey = { scope: "global", period: "all", key: "all" };

/** What `rank` must return, from the rows of `scores` alone. */
function naiveRank(db: SqliteDatabase, board: BoardKey, userId: string): RankInfo | undefined {
  const rows = db
    .prepare<[string, string, string], { userId: string; points: number }>(
      "SELECT user_id AS userId, points FROM scores WHERE scope = ? AND period = ? AND period_key = ?",
    )
    .all(board.scope, board.period, board.key);
  const mine = rows.find((r) => r.userId === userId);
  if (!mine) return undefined;
  return { rank: 1 + rows.filter((r) => r.points > mine.points).length, points: mine.points, players: rows.length };
}

describe("ranks from score_counts", () => {
  let db: SqliteDatabase;
  let store: Store;
  let session = 0;
  const users = Array.from({ length: 12 }, (_, i) => `tg:${i + 1}`);

  beforeEach(() => {
    db = openDatabase(":memory:");
    store = createSqliteStore(db, { clock: { now: () => 0 } });
    store.ensureChat(CHAT, "group");
    for (const id of users) store.upsertUser(id, `user ${id}`);
    session = store.createSession({ chatId: CHAT, kind: "round", startedBy: "tg:1", createdAt: 0, closesAt: null, state: {} }).id;
  });
  afterEach(() => closeDatabase(db));

  let questionIndex = 0;
  function give(userId: string, points: number, boards: readonly BoardKey[]): void {
    const answerId = store.appendAnswer({
      userId, chatId: CHAT, questionId: "q/1", topic: "q", sessionId: session, questionIndex: questionIndex++,
      option: 0, correct: true, answeredAt: 1_000, responseMs: 10,
    });
    if (answerId === null) throw new Error("answer not stored");
    store.addAward({ answerId, userId, chatId: CHAT, points, at: 1_000 }, boards);
  }

  it("lets ties share a rank and moves ranks when a tie breaks", () => {
    give("tg:1", 20, [WEEK]);
    give("tg:2", 20, [WEEK]);
    give("tg:3", 10, [WEEK]);
    expect(users.slice(0, 3).map((u) => store.rank(WEEK, u))).toEqual([
      { rank: 1, points: 20, players: 3 },
      { rank: 1, points: 20, players: 3 },
      { rank: 3, points: 10, players: 3 },
    ]);
    // The third player catches up: three-way tie.
    give("tg:3", 10, [WEEK]);
    expect(store.rank(WEEK, "tg:3")).toEqual({ rank: 1, points: 20, players: 3 });
    // One of them pulls ahead: the other two share second place.
    give("tg:2", 5, [WEEK]);
    expect(users.slice(0, 3).map((u) => store.rank(WEEK, u)?.rank)).toEqual([2, 1, 2]);
    expect(store.rank(WEEK, "tg:4")).toBeUndefined();
    expect(store.rank(NEXT_WEEK, "tg:1")).toBeUndefined();
    expect(scoreCountDifferences(db)).toEqual([]);
  });

  it("keeps one row per points total and drops a total nobody holds any more", () => {
    give("tg:1", 10, [WEEK]);
    give("tg:2", 10, [WEEK]);
    give("tg:1", 10, [WEEK]);
    give("tg:2", 10, [WEEK]);
    const counts = db.prepare("SELECT points, players FROM score_counts WHERE scope = ? ORDER BY points").all(CHAT);
    expect(counts).toEqual([{ points: 20, players: 2 }]);
  });

  it("matches the naive rank on every board after many random awards, including 0-point ones", () => {
    const rng = createSeededRng(2026);
    const boards = [WEEK, NEXT_WEEK, GLOBAL];
    for (let step = 0; step < 400; step++) {
      const user = users[Math.floor(rng.next() * users.length)] ?? "tg:1";
      // Small totals from few values, so ties are frequent.
      const points = [0, 5, 10, 15][Math.floor(rng.next() * 4)] ?? 0;
      const on = boards.filter(() => rng.next() < 0.6);
      give(user, points, on);
      if (step % 40 === 39) {
        for (const board of boards) for (const u of users) expect(store.rank(board, u), `${board.key} ${u} at ${step}`).toEqual(naiveRank(db, board, u));
        expect(scoreCountDifferences(db)).toEqual([]);
      }
    }
  });

  it("stays right when leaderboard rows are deleted (a forgotten user)", () => {
    give("tg:1", 30, [WEEK, GLOBAL]);
    give("tg:2", 20, [WEEK, GLOBAL]);
    give("tg:3", 20, [WEEK, GLOBAL]);
    db.prepare("DELETE FROM scores WHERE user_id = ?").run("tg:1");
    expect(store.rank(WEEK, "tg:2")).toEqual({ rank: 1, points: 20, players: 2 });
    expect(store.rank(GLOBAL, "tg:3")).toEqual({ rank: 1, points: 20, players: 2 });
    expect(scoreCountDifferences(db)).toEqual([]);
  });

  it("lets memquiz check find counts that disagree with the rows, in both directions", () => {
    give("tg:1", 30, [WEEK]);
    give("tg:2", 20, [WEEK]);
    db.prepare("UPDATE score_counts SET players = 3 WHERE scope = ? AND points = 30").run(CHAT);
    db.prepare("DELETE FROM score_counts WHERE scope = ? AND points = 20").run(CHAT);
    db.prepare("INSERT INTO score_counts (scope, period, period_key, points, players) VALUES (?, 'week', '2026-W48', 99, 1)").run(CHAT);
    expect(scoreCountDifferences(db)).toEqual([
      { scope: CHAT, period: "week", key: "2026-W48", points: 20, stored: 0, expected: 1 },
      { scope: CHAT, period: "week", key: "2026-W48", points: 30, stored: 3, expected: 1 },
      { scope: CHAT, period: "week", key: "2026-W48", points: 99, stored: 1, expected: 0 },
    ]);
  });
});

describe("migration 0006 on a database that already has leaderboards", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "memquiz-0006-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("counts the existing rows, so ranks are right at once and stay right after new awards", () => {
    // The schema as it was at 0005, with boards written before score_counts existed.
    const old = join(dir, "up-to-0005");
    cpSync(DEFAULT_MIGRATIONS_DIR, old, { recursive: true });
    for (const m of listMigrations(old)) if (m.version > 5) rmSync(m.file);
    const path = join(dir, "memquiz.db");
    const raw = new Database(path);
    migrate(raw, old);
    const rng = createSeededRng(5);
    const insertUser = raw.prepare("INSERT INTO users (id, name, created_at) VALUES (?, ?, 0)");
    const insertScore = raw.prepare("INSERT INTO scores (scope, period, period_key, user_id, points) VALUES (?, ?, ?, ?, ?)");
    const boards: BoardKey[] = [WEEK, NEXT_WEEK, GLOBAL, { scope: "tg:-200", period: "month", key: "2026-11" }];
    const userIds = Array.from({ length: 60 }, (_, i) => `tg:${i}`);
    raw.transaction(() => {
      for (const id of userIds) insertUser.run(id, id);
      for (const board of boards) {
        for (const id of userIds) if (rng.next() < 0.7) insertScore.run(board.scope, board.period, board.key, id, 10 * Math.floor(rng.next() * 6));
      }
    })();
    raw.close();

    const db = openDatabase(path);
    try {
      expect(scoreCountDifferences(db)).toEqual([]);
      const store = createSqliteStore(db, { clock: { now: () => 0 } });
      for (const board of boards) for (const id of userIds) expect(store.rank(board, id)).toEqual(naiveRank(db, board, id));
      // Points added after the migration move the counts through the triggers.
      db.prepare("UPDATE scores SET points = points + 10 WHERE user_id IN ('tg:1', 'tg:2', 'tg:3')").run();
      for (const board of boards) for (const id of userIds) expect(store.rank(board, id)).toEqual(naiveRank(db, board, id));
      expect(scoreCountDifferences(db)).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });
});
