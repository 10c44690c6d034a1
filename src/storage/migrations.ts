import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type BetterSqlite3 from "better-sqlite3";
import { messageOf, StorageError } from "./sqlite-error.ts";

type Db = BetterSqlite3.Database;

/** The repo's `migrations/` folder, found from this file so it works from any working directory. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations/", import.meta.url));

/** One `NNNN_name.sql` file from a migrations folder. */
export interface Migration {
  readonly version: number;
  /** The part after the version, without `.sql`: `initial` for `0001_initial.sql`. */
  readonly name: string;
  /** The path of the file, for error messages. */
  readonly file: string;
  readonly sql: string;
}

/** A migration the database has recorded in `schema_migrations`. */
export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly appliedAt: number;
}

const FILE_NAME = /^(\d{4})_([a-z0-9][a-z0-9_-]*)\.sql$/;

/** `7` → `0007`, as versions appear in file names and messages. */
export function formatVersion(version: number): string {
  return String(version).padStart(4, "0");
}

/**
 * Reads every `.sql` file of a migrations folder, sorted by version.
 * Other files (a README) are ignored; a `.sql` file that is not named
 * `NNNN_name.sql`, or that reuses a version, is an error rather than
 * being skipped, since skipping it would silently drop a schema change.
 */
export function listMigrations(dir: string): Migration[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new StorageError("MIGRATIONS_UNREADABLE", `can't read the migrations folder ${dir}: ${messageOf(error)}`, { cause: error });
  }
  const files = names.filter((name) => name.endsWith(".sql")).sort();
  const badNames = files.filter((name) => !FILE_NAME.test(name) || name.startsWith("0000_"));
  if (badNames.length > 0) {
    throw new StorageError(
      "BAD_MIGRATION_NAME",
      `badly named migration ${badNames.join(", ")} in ${dir}: migrations are named NNNN_name.sql ` +
        `(four digits from 0001, an underscore, then lowercase letters, digits, _ or -), like 0002_add_streaks.sql`,
    );
  }
  const migrations = files.map((fileName): Migration => {
    const [, digits = "", name = ""] = FILE_NAME.exec(fileName) ?? [];
    const file = join(dir, fileName);
    let sql: string;
    try {
      sql = readFileSync(file, "utf8");
    } catch (error) {
      throw new StorageError("MIGRATIONS_UNREADABLE", `can't read migration ${file}: ${messageOf(error)}`, { cause: error });
    }
    return { version: Number(digits), name, file, sql };
  });
  for (let i = 1; i < migrations.length; i++) {
    const [before, current] = [migrations[i - 1], migrations[i]];
    if (before && current && before.version === current.version) {
      throw new StorageError(
        "BAD_MIGRATION_NAME",
        `migrations ${before.file} and ${current.file} share version ${formatVersion(current.version)}; renumber the newer one`,
      );
    }
  }
  return migrations;
}

/** Creates the table that records applied migrations, if it is missing. */
export function ensureMigrationsTable(db: Db): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT",
  );
}

/** The migrations a database has recorded, by version; none when it has never been migrated. */
export function appliedMigrations(db: Db): AppliedMigration[] {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return [];
  return db
    .prepare<[], AppliedMigration>("SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version")
    .all();
}

/**
 * The migrations still to apply, in order. Refuses, rather than guessing, a
 * database that is not a prefix of the code's history: one that has a version
 * this code has no file for (a newer memquiz used it), one that recorded a
 * version under another name, or one that is missing a migration numbered
 * below its newest (two branches picked the same slot).
 * `database` names the database in messages.
 */
export function pendingMigrations(
  available: readonly Migration[],
  applied: readonly AppliedMigration[],
  database = "this database",
): Migration[] {
  const byVersion = new Map(available.map((m) => [m.version, m]));
  for (const done of applied) {
    const known = byVersion.get(done.version);
    const label = `${formatVersion(done.version)}_${done.name}`;
    if (known === undefined) {
      throw new StorageError(
        "UNKNOWN_MIGRATION",
        `database ${database} has migration ${formatVersion(done.version)} (${done.name}) which this memquiz does not know; ` +
          "upgrade memquiz or use another MEMQUIZ_DB",
      );
    }
    if (known.name !== done.name) {
      throw new StorageError(
        "MIGRATION_MISMATCH",
        `database ${database} applied migration ${label} but this memquiz has ${known.file} in its place; ` +
          "a landed migration is never renamed or replaced",
      );
    }
  }
  const appliedVersions = new Set(applied.map((m) => m.version));
  const newest = Math.max(0, ...appliedVersions);
  const pending = available.filter((m) => !appliedVersions.has(m.version));
  const late = pending.find((m) => m.version < newest);
  if (late !== undefined) {
    throw new StorageError(
      "MIGRATION_OUT_OF_ORDER",
      `database ${database} is already at migration ${formatVersion(newest)} but has not applied ${late.file}; ` +
        "give that migration a number after the newest one",
    );
  }
  return pending;
}

/**
 * Applies one migration and records its version in the same transaction, so
 * a migration that fails leaves the database exactly as it was. Returns false
 * when the version was already recorded (another process got there first).
 * The transaction is IMMEDIATE so two processes starting at once take turns.
 */
export function applyMigration(db: Db, migration: Migration, at: number = Date.now()): boolean {
  ensureMigrationsTable(db);
  const apply = db.transaction((): boolean => {
    if (db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").get(migration.version) !== undefined) return false;
    db.exec(migration.sql);
    // A COMMIT inside the file would have ended our transaction: what ran is then beyond undoing.
    if (!db.inTransaction) throw new Error("it ends the transaction itself; remove BEGIN/COMMIT, the runner wraps each migration in one");
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(migration.version, migration.name, at);
    const violations = db.pragma("foreign_key_check") as Array<{ table: string; rowid: number | null; parent: string }>;
    const first = violations[0];
    if (first !== undefined) {
      throw new Error(`it leaves ${violations.length} row(s) breaking foreign keys, first in ${first.table} (rowid ${first.rowid}) pointing at ${first.parent}`);
    }
    return true;
  });
  try {
    return apply.immediate();
  } catch (error) {
    throw new StorageError(
      "MIGRATION_FAILED",
      `migration ${migration.file} failed: ${messageOf(error)}. The database was left as it was before this migration.`,
      { cause: error },
    );
  }
}

/**
 * Brings a database up to date with a migrations folder and returns the
 * migrations it applied. Foreign keys are off while migrations run (SQLite
 * ignores the pragma inside a transaction), so a migration can rebuild a table
 * that others reference; each migration is checked with `foreign_key_check`
 * before it commits instead.
 */
export function migrate(db: Db, dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  const available = listMigrations(dir);
  ensureMigrationsTable(db);
  const pending = pendingMigrations(available, appliedMigrations(db), db.name);
  if (pending.length === 0) return [];
  const foreignKeys = db.pragma("foreign_keys", { simple: true }) === 1;
  if (foreignKeys) db.pragma("foreign_keys = OFF");
  try {
    return pending.filter((migration) => applyMigration(db, migration));
  } finally {
    if (foreignKeys) db.pragma("foreign_keys = ON");
  }
}

/**
 * Checks, without writing, that a database is exactly at the folder's newest
 * migration; used for read-only databases, which can't be migrated.
 */
export function checkMigrations(db: Db, dir: string = DEFAULT_MIGRATIONS_DIR): void {
  const pending = pendingMigrations(listMigrations(dir), appliedMigrations(db), db.name);
  if (pending.length > 0) {
    throw new StorageError(
      "MIGRATIONS_PENDING",
      `database ${db.name} is opened read-only but misses migration(s) ${pending.map((m) => formatVersion(m.version)).join(", ")}; ` +
        "start memquiz on it once read-write to migrate it",
    );
  }
}
