/**
 * The storage layer's public surface: opening and migrating the SQLite
 * database, the SQLite `Store`, and reading question files. Nothing outside
 * `src/storage/` imports better-sqlite3; it imports from here.
 */
export { backgroundCheckpointerOf, closeDatabase, openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from "./database.ts";
export type { BackgroundCheckpointer, CheckpointerOptions, CheckpointResult } from "./checkpointer.ts";
export {
  appliedMigrations,
  applyMigration,
  checkMigrations,
  DEFAULT_MIGRATIONS_DIR,
  listMigrations,
  migrate,
  pendingMigrations,
  type AppliedMigration,
  type Migration,
} from "./migrations.ts";
export { StorageError, type StorageErrorCode } from "./sqlite-error.ts";
export { createSqliteStore, SqliteStore, type SqliteStoreOptions } from "./sqlite-store.ts";
export { loadBankFromDir, QuestionFolderError, readBankFiles } from "./question-files.ts";
export {
  awardFacts,
  backupDatabase,
  integrityProblems,
  orphanAwards,
  scoreCountDifferences,
  scoreFacts,
  type AwardFact,
  type BackupProgress,
  type ScoreCountDifference,
  type ScoreFact,
} from "./maintenance.ts";
