import type { SqliteDatabase } from "./database.ts";

/** Pages copied so far out of the total, for a progress line. */
export interface BackupProgress {
  readonly done: number;
  readonly total: number;
}

/** Pages copied per step: small steps let the bot write between them. */
const PAGES_PER_STEP = 256;

/**
 * Copies a live database to `destination` with SQLite's online backup API,
 * a few pages at a time, so a running bot keeps writing meanwhile; the copy
 * is a consistent snapshot. The destination must not exist yet.
 */
export async function backupDatabase(db: SqliteDatabase, destination: string, onProgress: (progress: BackupProgress) => void): Promise<BackupProgress> {
  const meta = await db.backup(destination, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress({ done: totalPages - remainingPages, total: totalPages });
      return PAGES_PER_STEP;
    },
  });
  return { done: meta.totalPages - meta.remainingPages, total: meta.totalPages };
}

/** `PRAGMA integrity_check`: an empty list when the file is sound, else SQLite's findings. */
export function integrityProblems(db: SqliteDatabase): string[] {
  const rows = db.pragma("integrity_check") as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).filter((text) => text !== "ok");
}

/** One award as the leaderboards were built from it, with the chat's time zone. */
export interface AwardFact {
  readonly userId: string;
  readonly chatId: string;
  readonly timezone: string;
  readonly points: number;
  readonly at: number;
}

/** One stored leaderboard row. */
export interface ScoreFact {
  readonly scope: string;
  readonly period: "week" | "month" | "all";
  readonly key: string;
  readonly userId: string;
  readonly points: number;
}

/**
 * Every award that is on the leaderboards, with its chat's time zone, for
 * recomputing the boards. An open round's awards aren't: a round puts them on
 * the boards when it ends, in the transaction that ends it.
 */
export function* awardFacts(db: SqliteDatabase): Generator<AwardFact> {
  yield* db
    .prepare<[], AwardFact>(
      `SELECT w.user_id AS userId, w.chat_id AS chatId, COALESCE(c.timezone, 'UTC') AS timezone, w.points AS points, w.at AS at
       FROM awards AS w
       LEFT JOIN chats AS c ON c.id = w.chat_id
       LEFT JOIN answers AS a ON a.id = w.answer_id
       LEFT JOIN sessions AS s ON s.id = a.session_id
       WHERE s.status IS NOT 'open'`,
    )
    .iterate();
}

/** Every stored leaderboard row. */
export function* scoreFacts(db: SqliteDatabase): Generator<ScoreFact> {
  yield* db.prepare<[], ScoreFact>("SELECT scope, period, period_key AS key, user_id AS userId, points FROM scores").iterate();
}

/** Awards whose answer is missing or was wrong: points that no answer in the log explains. */
export function orphanAwards(db: SqliteDatabase): number {
  return db
    .prepare<[], number>("SELECT COUNT(*) FROM awards AS w LEFT JOIN answers AS a ON a.id = w.answer_id WHERE a.id IS NULL OR a.correct = 0 OR a.user_id <> w.user_id")
    .pluck()
    .get() ?? 0;
}

/** A points total of a board whose stored player count (`score_counts`) differs from the rows in `scores`. */
export interface ScoreCountDifference {
  readonly scope: string;
  readonly period: string;
  readonly key: string;
  readonly points: number;
  readonly stored: number;
  readonly expected: number;
}

/**
 * Recounts the players on every total of every board from `scores` and lists
 * where `score_counts`, which ranks are read from, disagrees (0 for a side
 * that is missing). Walks `scores_rank` and the counts' primary key in order,
 * so it needs no memory beyond the differences.
 */
export function scoreCountDifferences(db: SqliteDatabase): ScoreCountDifference[] {
  return db
    .prepare<[], ScoreCountDifference>(
      `SELECT e.scope, e.period, e.period_key AS key, e.points, COALESCE(c.players, 0) AS stored, e.players AS expected
       FROM (SELECT scope, period, period_key, points, COUNT(*) AS players FROM scores GROUP BY scope, period, period_key, points) AS e
       LEFT JOIN score_counts AS c
         ON c.scope = e.scope AND c.period = e.period AND c.period_key = e.period_key AND c.points = e.points
       WHERE c.players IS NOT e.players
       UNION ALL
       SELECT c.scope, c.period, c.period_key AS key, c.points, c.players AS stored, 0 AS expected
       FROM score_counts AS c
       WHERE NOT EXISTS (SELECT 1 FROM scores AS s
                         WHERE s.scope = c.scope AND s.period = c.period AND s.period_key = c.period_key AND s.points = c.points)
       ORDER BY 1, 2, 3, 4`,
    )
    .all();
}
