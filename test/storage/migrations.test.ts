import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appliedMigrations,
  applyMigration,
  listMigrations,
  migrate,
  pendingMigrations,
  StorageError,
  type Migration,
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

function migration(version: number, name: string): Migration {
  return { version, name, file: `migrations/${String(version).padStart(4, "0")}_${name}.sql`, sql: "" };
}

let db: SqliteDatabase;
beforeEach(() => {
  db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
});

afterEach(() => {
  db.close();
});

describe("listMigrations", () => {
  it("lists NNNN_name.sql files by version and ignores files that are not SQL", () => {
    const found = listMigrations(fixture("ok"));
    expect(found.map(({ version, name }) => ({ version, name }))).toEqual([
      { version: 1, name: "a" },
      { version: 2, name: "b" },
    ]);
    expect(found[0]?.file).toBe(join(fixture("ok"), "0001_a.sql"));
    expect(found[0]?.sql).toContain("CREATE TABLE a");
  });

  // A misnamed file skipped silently would be a schema change that never runs.
  it("rejects a badly named .sql file, naming it and the expected pattern", () => {
    const error = storageErrorOf(() => listMigrations(fixture("badname")));
    expect(error.code).toBe("BAD_MIGRATION_NAME");
    expect(error.message).toContain("1_x.sql");
    expect(error.message).toContain("NNNN_name.sql");
  });

  it("rejects two files with the same version, naming both", () => {
    const error = storageErrorOf(() => listMigrations(fixture("duplicate")));
    expect(error.code).toBe("BAD_MIGRATION_NAME");
    expect(error.message).toContain("0001_a.sql");
    expect(error.message).toContain("0001_also_a.sql");
  });

  it("says which folder it could not read", () => {
    const error = storageErrorOf(() => listMigrations(fixture("missing")));
    expect(error.code).toBe("MIGRATIONS_UNREADABLE");
    expect(error.message).toContain(fixture("missing"));
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe("pendingMigrations", () => {
  const available = [migration(1, "a"), migration(2, "b"), migration(3, "c")];
  const applied = (...versions: Array<[number, string]>) => versions.map(([version, name]) => ({ version, name, appliedAt: 0 }));

  it("returns the migrations the database has not applied, in order", () => {
    expect(pendingMigrations(available, applied([1, "a"])).map((m) => m.version)).toEqual([2, 3]);
    expect(pendingMigrations(available, applied([1, "a"], [2, "b"], [3, "c"]))).toEqual([]);
  });

  it("refuses a database that knows a migration the code does not, naming the version", () => {
    const error = storageErrorOf(() => pendingMigrations(available, applied([1, "a"], [7, "streaks"]), "./data/memquiz.db"));
    expect(error.code).toBe("UNKNOWN_MIGRATION");
    expect(error.message).toBe(
      "database ./data/memquiz.db has migration 0007 (streaks) which this memquiz does not know; upgrade memquiz or use another MEMQUIZ_DB",
    );
  });

  // Two branches that both added a 0002 would otherwise each think the other's migration ran.
  it("refuses a database that applied a version under another name", () => {
    const error = storageErrorOf(() => pendingMigrations(available, applied([1, "a"], [2, "other"])));
    expect(error.code).toBe("MIGRATION_MISMATCH");
    expect(error.message).toContain("0002_other");
    expect(error.message).toContain("0002_b.sql");
  });

  it("refuses to apply a migration numbered below the newest one applied", () => {
    const error = storageErrorOf(() => pendingMigrations(available, applied([1, "a"], [3, "c"])));
    expect(error.code).toBe("MIGRATION_OUT_OF_ORDER");
    expect(error.message).toContain("0002_b.sql");
  });
});

describe("migrate", () => {
  it("applies the migrations in order and records each version", () => {
    const applied = migrate(db, fixture("ok"));
    expect(applied.map((m) => m.version)).toEqual([1, 2]);
    expect(appliedMigrations(db).map(({ version, name }) => ({ version, name }))).toEqual([
      { version: 1, name: "a" },
      { version: 2, name: "b" },
    ]);
    expect(db.prepare("SELECT a_id FROM b").pluck().all()).toEqual([1]);
  });

  it("does nothing when run again", () => {
    migrate(db, fixture("ok"));
    const before = appliedMigrations(db);
    expect(migrate(db, fixture("ok"))).toEqual([]);
    expect(appliedMigrations(db)).toEqual(before);
    expect(db.prepare("SELECT COUNT(*) FROM a").pluck().get()).toBe(1);
  });

  it("records the time it was given", () => {
    const [first] = listMigrations(fixture("ok"));
    expect(first && applyMigration(db, first, 1234)).toBe(true);
    expect(appliedMigrations(db)).toEqual([{ version: 1, name: "a", appliedAt: 1234 }]);
  });

  // Another process may migrate between our listing and our transaction.
  it("skips a migration whose version is already recorded", () => {
    const [first] = listMigrations(fixture("ok"));
    if (!first) throw new Error("fixture missing");
    expect(applyMigration(db, first)).toBe(true);
    expect(applyMigration(db, first)).toBe(false);
  });

  it("leaves the database as it was when a migration breaks, and names the file", () => {
    const error = storageErrorOf(() => migrate(db, fixture("broken")));
    expect(error.code).toBe("MIGRATION_FAILED");
    expect(error.message).toContain(join(fixture("broken"), "0002_bad.sql"));
    expect(error.message).toContain("syntax error");
    expect(error.cause).toBeInstanceOf(Error);
    expect(tableNames(db)).not.toContain("made_by_bad");
    expect(appliedMigrations(db).map((m) => m.version)).toEqual([1]);
    expect(db.inTransaction).toBe(false);
  });

  it("refuses a database that knows a migration the code does not", () => {
    migrate(db, fixture("ok"));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, 'streaks', 0)").run();
    const error = storageErrorOf(() => migrate(db, fixture("ok")));
    expect(error.code).toBe("UNKNOWN_MIGRATION");
    expect(error.message).toContain("has migration 0007");
  });

  it("lets a migration rebuild a table that others reference, and turns foreign keys back on", () => {
    migrate(db, fixture("rebuild"));
    expect(db.prepare("SELECT kind FROM parent ORDER BY id").pluck().all()).toEqual(["plain", "plain"]);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO child (parent_id) VALUES (99)").run()).toThrow(/FOREIGN KEY/);
  });

  // Guards the reason migrate() switches foreign keys off: with them on, the rebuild cannot drop the parent.
  it("cannot rebuild a referenced table with foreign keys on", () => {
    const [first, second] = listMigrations(fixture("rebuild"));
    if (!first || !second) throw new Error("fixture missing");
    applyMigration(db, first);
    expect(storageErrorOf(() => applyMigration(db, second)).message).toMatch(/FOREIGN KEY constraint failed/);
    expect(tableNames(db)).not.toContain("parent_new");
  });

  it("rolls back a migration that leaves rows breaking foreign keys", () => {
    const error = storageErrorOf(() => migrate(db, fixture("orphans")));
    expect(error.code).toBe("MIGRATION_FAILED");
    expect(error.message).toContain("0002_orphan_children.sql");
    expect(error.message).toContain("breaking foreign keys");
    expect(tableNames(db)).not.toContain("note");
    expect(db.prepare("SELECT COUNT(*) FROM parent").pluck().get()).toBe(2);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("fails a migration that commits on its own, saying why", () => {
    const error = storageErrorOf(() => migrate(db, fixture("commits")));
    expect(error.code).toBe("MIGRATION_FAILED");
    expect(error.message).toContain("0001_commits.sql");
    expect(error.message).toContain("BEGIN/COMMIT");
    expect(appliedMigrations(db)).toEqual([]);
  });
});
