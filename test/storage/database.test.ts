import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  appliedMigrations,
  closeDatabase,
  DEFAULT_MIGRATIONS_DIR,
  listMigrations,
  openDatabase,
  StorageError,
  type SqliteDatabase,
} from "../../src/storage/index.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/migrations/", import.meta.url));
const fixture = (name: string): string => join(FIXTURES, name);

/** Runs `fn` and returns the StorageError it throws. */
function storageErrorOf(fn: () => unknown): StorageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StorageError) return error;
    throw error;
  }
  throw new Error("expected a StorageError");
}

function tableNames(db: SqliteDatabase): string[] {
  return db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
}

let tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "memquiz-db-"));
  tempDirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs = [];
});

describe("openDatabase", () => {
  it("finds the repo's migrations folder from the source file, whatever the working directory", () => {
    expect(DEFAULT_MIGRATIONS_DIR).toBe(fileURLToPath(new URL("../../migrations/", import.meta.url)));
    expect(listMigrations(DEFAULT_MIGRATIONS_DIR)[0]?.name).toBe("initial");
  });

  it("applies the real migrations on :memory: with the pragmas set", () => {
    const memory = openDatabase(":memory:");
    try {
      expect(appliedMigrations(memory).map((m) => m.version)).toEqual(listMigrations(DEFAULT_MIGRATIONS_DIR).map((m) => m.version));
      expect(tableNames(memory)).toEqual(expect.arrayContaining(["users", "chats", "sessions", "answers", "awards", "scores", "outbox"]));
      expect(memory.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(memory.pragma("synchronous", { simple: true })).toBe(1);
      expect(memory.pragma("busy_timeout", { simple: true })).toBe(5000);
      expect(memory.pragma("journal_mode", { simple: true })).toBe("memory");
    } finally {
      closeDatabase(memory);
    }
  });

  it("creates the folder and the file, in WAL mode, and reopens it without migrating again", () => {
    const path = join(tempDir(), "nested", "data", "memquiz.db");
    const file = openDatabase(path);
    try {
      expect(file.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(file.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(file.pragma("synchronous", { simple: true })).toBe(1);
      file.prepare("INSERT INTO users (id, name, created_at) VALUES ('cli:local', 'me', 0)").run();
    } finally {
      closeDatabase(file);
    }
    expect(existsSync(path)).toBe(true);
    // The checkpoint on close leaves one self-contained file.
    expect(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0).toBe(true);
    const again = openDatabase(path);
    try {
      expect(appliedMigrations(again)).toHaveLength(listMigrations(DEFAULT_MIGRATIONS_DIR).length);
      expect(again.prepare("SELECT name FROM users").pluck().get()).toBe("me");
    } finally {
      closeDatabase(again);
    }
  });

  it("closes quietly when the database is already closed", () => {
    const memory = openDatabase(":memory:");
    closeDatabase(memory);
    expect(() => closeDatabase(memory)).not.toThrow();
  });

  it("refuses a file that knows an unknown migration with the message naming the file and version", () => {
    const path = join(tempDir(), "memquiz.db");
    closeDatabase(openDatabase(path, { migrationsDir: fixture("ok") }));
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, 'streaks', 0)").run();
    raw.close();
    const error = storageErrorOf(() => openDatabase(path, { migrationsDir: fixture("ok") }));
    expect(error.code).toBe("UNKNOWN_MIGRATION");
    expect(error.message).toBe(
      `database ${path} has migration 0007 (streaks) which this memquiz does not know; upgrade memquiz or use another MEMQUIZ_DB`,
    );
  });

  it("reports a broken migration as MIGRATION_FAILED and leaves the file at the last good migration", () => {
    const path = join(tempDir(), "memquiz.db");
    expect(storageErrorOf(() => openDatabase(path, { migrationsDir: fixture("broken") })).code).toBe("MIGRATION_FAILED");
    const raw = new Database(path, { readonly: true });
    try {
      expect(appliedMigrations(raw).map((m) => m.version)).toEqual([1]);
      expect(tableNames(raw)).not.toContain("made_by_bad");
    } finally {
      raw.close();
    }
  });

  it("reports a file that is not a database as OPEN_FAILED with the cause", () => {
    const path = join(tempDir(), "not-a.db");
    writeFileSync(path, "this is not a database, just some text that is long enough to have a header\n".repeat(20));
    const error = storageErrorOf(() => openDatabase(path));
    expect(error.code).toBe("OPEN_FAILED");
    expect(error.message).toContain(path);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("opens an up-to-date file read-only without writing", () => {
    const path = join(tempDir(), "memquiz.db");
    closeDatabase(openDatabase(path));
    const readonly = openDatabase(path, { readonly: true });
    try {
      expect(readonly.readonly).toBe(true);
      expect(() => readonly.prepare("INSERT INTO reports (user_id, chat_id, question_id, text, created_at) VALUES ('u', 'c', 'q', 't', 0)").run()).toThrow(
        /readonly/,
      );
    } finally {
      closeDatabase(readonly);
    }
  });

  it("refuses to open read-only a file with migrations still to apply", () => {
    const path = join(tempDir(), "memquiz.db");
    closeDatabase(openDatabase(path, { migrationsDir: tempDir() }));
    const error = storageErrorOf(() => openDatabase(path, { readonly: true }));
    expect(error.code).toBe("MIGRATIONS_PENDING");
    expect(error.message).toContain("0001");
  });

  it("refuses to open read-only a file that does not exist", () => {
    const path = join(tempDir(), "missing.db");
    expect(storageErrorOf(() => openDatabase(path, { readonly: true })).code).toBe("OPEN_FAILED");
    expect(existsSync(path)).toBe(false);
  });
});
