import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/core/ports.ts";
import { applyMigration, createSqliteStore, listMigrations, openDatabase } from "../../src/storage/index.ts";
import { DEFAULT_MIGRATIONS_DIR } from "../../src/storage/migrations.ts";

const T = Date.UTC(2026, 10, 25, 12, 0);

describe("migration 0005 (daily question)", () => {
  it("rebuilds sessions keeping every row, the answers pointing at them, and the one-round rule", () => {
    const db = new Database(":memory:");
    const all = listMigrations(DEFAULT_MIGRATIONS_DIR);
    for (const m of all.filter((m) => m.version <= 4)) applyMigration(db, m, T);
    db.exec(`INSERT INTO users (id, name, created_at) VALUES ('t:u', 'u', 0);
      INSERT INTO chats (id, kind, created_at) VALUES ('t:c', 'group', 0);
      INSERT INTO sessions (id, chat_id, kind, status, started_by, created_at, updated_at, closes_at, state)
        VALUES (7, 't:c', 'round', 'open', 't:u', 1, 1, 99, '{"x":1}');
      INSERT INTO answers (user_id, chat_id, question_id, topic, session_id, question_index, option, correct, answered_at, response_ms)
        VALUES ('t:u', 't:c', 'q', 'alpha', 7, 0, 1, 1, 5, 4);`);
    db.pragma("foreign_keys = OFF");
    for (const m of all.filter((m) => m.version === 5)) expect(applyMigration(db, m, T)).toBe(true);
    db.pragma("foreign_keys = ON");
    expect(db.prepare("SELECT id, kind, closes_at AS closesAt, state FROM sessions").all()).toEqual([{ id: 7, kind: "round", closesAt: 99, state: '{"x":1}' }]);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const second = () => db.prepare("INSERT INTO sessions (chat_id, kind, status, started_by, created_at, updated_at, state) VALUES ('t:c', 'round', 'open', 'x', 2, 2, '{}')").run();
    expect(second).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO sessions (chat_id, kind, status, started_by, created_at, updated_at, state) VALUES ('t:c', 'daily', 'open', 'daily', 2, 2, '{}')").run();
  });
});

describe("the daily store", () => {
  function store() {
    const s = createSqliteStore(openDatabase(":memory:"), { clock: { now: () => T } });
    const chat = s.ensureChat("t:c", "group");
    s.updateChat({ ...chat, settings: { ...DEFAULT_SETTINGS, daily: { enabled: true, time: "09:00", revealHours: 12 } } });
    return s;
  }

  it("records a chat's date once, and finds the due chats and the next deadline", () => {
    const s = store();
    expect(s.nextDailyAt()).toBeNull();
    s.setDailyNext("t:c", T + 60_000);
    expect(s.nextDailyAt()).toBe(T + 60_000);
    expect(s.dueDailyChats(T, 10)).toEqual([]);
    expect(s.dueDailyChats(T + 60_000, 10)).toEqual([{ chatId: "t:c", dueAt: T + 60_000 }]);
    const post = { chatId: "t:c", date: "2026-11-25", sessionId: null, questionId: null, dueAt: T, postedAt: T };
    expect(s.recordDailyPost(post)).toBe(true);
    expect(s.recordDailyPost({ ...post, postedAt: T + 1 })).toBe(false);
    expect(s.lastDailyPost("t:c")).toEqual(post);
    s.setDailyNext("t:c", null);
    expect(s.nextDailyAt()).toBeNull();
  });

  it("archives a season once", () => {
    const s = store();
    const board = { scope: "t:c", period: "week" as const, key: "2026-W47" };
    expect(s.seasonArchive(board)).toBeUndefined();
    expect(s.archiveSeason(board, [{ userId: "t:u", name: "u", points: 30 }], T)).toBe(true);
    expect(s.archiveSeason(board, [], T + 1)).toBe(false);
    expect(s.seasonArchive(board)).toEqual([{ userId: "t:u", name: "u", points: 30 }]);
  });
});
