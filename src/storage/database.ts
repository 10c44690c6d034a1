import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { FALLBACK_AUTOCHECKPOINT_PAGES, startBackgroundCheckpointer, type BackgroundCheckpointer, type CheckpointerOptions } from "./checkpointer.ts";
import { checkMigrations, DEFAULT_MIGRATIONS_DIR, migrate } from "./migrations.ts";
import { messageOf, StorageError } from "./sqlite-error.ts";

/** An open better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** How to open a database. */
export interface OpenDatabaseOptions {
  /** Where the `NNNN_name.sql` files are; the repo's `migrations/` by default. */
  readonly migrationsDir?: string;
  /** Open an existing file read-only: nothing is created or migrated, and it must already be up to date. */
  readonly readonly?: boolean;
  /**
   * Checkpoint the write-ahead log from a worker thread instead of on the
   * committing connection (see `checkpointer.ts`): what the running bot uses.
   * Ignored for `:memory:` and read-only databases.
   */
  readonly backgroundCheckpoint?: boolean | CheckpointerOptions;
}

/** The page cache per connection, in KiB. */
export const CACHE_KIB = 8 * 1024;

const checkpointers = new WeakMap<SqliteDatabase, BackgroundCheckpointer>();

function isInMemory(path: string): boolean {
  return path === ":memory:" || path === "";
}

/**
 * Opens (creating it and its folder if needed) the SQLite database at `path`,
 * or a fresh one for `:memory:`, configures it and brings its schema up to date.
 * Throws a `StorageError`: `OPEN_FAILED` when the file can't be opened, or a
 * migration code (`MIGRATION_FAILED`, `UNKNOWN_MIGRATION`, ...) when the schema
 * can't be brought up to date; the connection is closed again in both cases.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const readonly = options.readonly ?? false;
  const inMemory = isInMemory(path);
  let db: SqliteDatabase | undefined;
  try {
    if (!inMemory && !readonly) mkdirSync(dirname(resolve(path)), { recursive: true });
    db = new Database(path, { readonly, fileMustExist: readonly });
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    db.pragma("busy_timeout = 5000");
    if (!inMemory && !readonly) db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    // 8 MiB of page cache instead of SQLite's 2 MiB: the answer log's indexes and the
    // leaderboards are read on every answer and close, and a miss is a system call.
    // More bought no ingest speed and cost its size in RSS (bench/perf/README.md).
    db.pragma(`cache_size = -${CACHE_KIB}`);
  } catch (error) {
    db?.close();
    throw new StorageError("OPEN_FAILED", `can't open database ${path}: ${messageOf(error)}`, { cause: error });
  }
  try {
    const dir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
    if (readonly) checkMigrations(db, dir);
    else migrate(db, dir);
  } catch (error) {
    db.close();
    if (error instanceof StorageError) throw error;
    throw new StorageError("OPEN_FAILED", `can't bring database ${path} up to date: ${messageOf(error)}`, { cause: error });
  }
  if (options.backgroundCheckpoint && !inMemory && !readonly) {
    const checkpointer = options.backgroundCheckpoint === true ? {} : options.backgroundCheckpoint;
    checkpointers.set(db, startBackgroundCheckpointer(resolve(path), checkpointer));
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  }
  return db;
}

/** The background checkpointer `openDatabase` started for `db`, if any. */
export function backgroundCheckpointerOf(db: SqliteDatabase): BackgroundCheckpointer | undefined {
  return checkpointers.get(db);
}

/**
 * Closes a database, first folding the write-ahead log back into the file so
 * that a stopped bot leaves one self-contained `.db` file behind.
 * Closing an already closed database does nothing.
 */
export function closeDatabase(db: SqliteDatabase): void {
  if (!db.open) return;
  checkpointers.get(db)?.stop();
  try {
    if (!db.memory && !db.readonly) db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}
