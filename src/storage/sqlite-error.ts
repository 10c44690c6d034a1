/** What went wrong while opening or migrating a SQLite database. */
export type StorageErrorCode =
  /** The file could not be opened, created or configured. */
  | "OPEN_FAILED"
  /** The migrations folder could not be read. */
  | "MIGRATIONS_UNREADABLE"
  /** A `.sql` file in the migrations folder is not named `NNNN_name.sql`, or two share a version. */
  | "BAD_MIGRATION_NAME"
  /** A migration's SQL failed; the database was left as it was before it. */
  | "MIGRATION_FAILED"
  /** The database has applied a migration that this code has no file for. */
  | "UNKNOWN_MIGRATION"
  /** The database applied a migration under another file name than the one this code has. */
  | "MIGRATION_MISMATCH"
  /** A new migration is numbered below one the database already has. */
  | "MIGRATION_OUT_OF_ORDER"
  /** A read-only database has migrations that have not been applied yet. */
  | "MIGRATIONS_PENDING"
  /** A stored value can't be read back (a JSON column that doesn't parse). */
  | "CORRUPT_DATA";

/**
 * A fault in the storage layer: the database can't be opened, its schema
 * can't be brought up to date, or what it holds can't be read back.
 * Carries a `code` to branch on and the original error as `cause`; the
 * message is meant for the person running memquiz.
 */
export class StorageError extends Error {
  override readonly name = "StorageError";
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The message of any thrown value, for building a clearer one around it. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
