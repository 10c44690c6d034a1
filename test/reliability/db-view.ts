import Database from "better-sqlite3";
import { diffBoards } from "../../src/app/recompute-boards.ts";
import { awardFacts, integrityProblems, orphanAwards, scoreFacts } from "../../src/storage/maintenance.ts";

/** A read-only look at the bot's database while the bot runs (WAL lets it read beside the writer). */
export type DbView = Database.Database;

/**
 * Runs `read` on a fresh read-only connection inside one read transaction,
 * so everything it sees is one consistent snapshot. A read-only connection
 * never checkpoints, so it can't do the bot's crash recovery for it.
 */
export function readDb<T>(path: string, read: (db: DbView) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.exec("BEGIN");
    try {
      return read(db);
    } finally {
      db.exec("COMMIT");
    }
  } finally {
    db.close();
  }
}

/** What `memquiz check` checks: integrity, awards without a right answer, and boards that differ from a recomputation. */
export interface Health {
  readonly integrity: string[];
  readonly orphanAwards: number;
  readonly boardDiffs: number;
}

/** The same checks `memquiz check` runs, on one snapshot. */
export function health(db: DbView): Health {
  return { integrity: integrityProblems(db), orphanAwards: orphanAwards(db), boardDiffs: diffBoards(awardFacts(db), scoreFacts(db)).length };
}

/** An open round's current question. */
export interface OpenQuestion {
  readonly sessionId: number;
  readonly chatId: string;
  readonly index: number;
  readonly closesAt: number;
}

/** Every open round, with its current question. */
export function openRounds(db: DbView): OpenQuestion[] {
  return db
    .prepare<[], OpenQuestion>(
      `SELECT id AS sessionId, chat_id AS chatId, json_extract(state, '$.index') AS "index", closes_at AS closesAt
       FROM sessions WHERE kind = 'round' AND status = 'open'`,
    )
    .all();
}

/** The poll id the bot sent for a round question, from its saved poll references. */
export function pollIds(db: DbView): Map<string, string> {
  const rows = db
    .prepare<[], { key: string; sessionId: number; idx: number }>(
      `SELECT key, json_extract(value, '$.sessionId') AS sessionId, json_extract(value, '$.index') AS idx
       FROM platform_refs WHERE key LIKE 'tg:poll:%'`,
    )
    .all();
  return new Map(rows.map((r) => [`${r.sessionId}:${r.idx}`, r.key.slice("tg:poll:".length)]));
}

/** Stored answers per (session, question index, user). */
export function answerCounts(db: DbView): Map<string, number> {
  const rows = db
    .prepare<[], { k: string; n: number }>("SELECT session_id || ':' || question_index || ':' || user_id AS k, COUNT(*) AS n FROM answers GROUP BY 1")
    .all();
  return new Map(rows.map((r) => [r.k, r.n]));
}

/** Round results queued in the outbox, per (session, question index), with whether each went out. */
export function roundResults(db: DbView): { key: string; sent: boolean }[] {
  return db
    .prepare<[], { key: string; sent: number }>(
      `SELECT json_extract(payload, '$.sessionId') || ':' || json_extract(payload, '$.index') AS key, sent_at IS NOT NULL AS sent
       FROM outbox WHERE json_extract(payload, '$.type') = 'round-results'`,
    )
    .all()
    .map((r) => ({ key: r.key, sent: r.sent === 1 }));
}

/** Outbox messages not yet sent. */
export function unsent(db: DbView): number {
  return db.prepare<[], number>("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").pluck().get() ?? 0;
}

/** Unsent outbox rows, for failure messages. */
export function describeUnsent(db: DbView): string {
  return db
    .prepare<[], { id: number; chat_id: string; attempts: number; last_error: string | null; t: string }>(
      "SELECT id, chat_id, attempts, last_error, json_extract(payload, '$.type') AS t FROM outbox WHERE sent_at IS NULL ORDER BY id",
    )
    .all()
    .map((r) => `#${r.id} ${r.chat_id} ${r.t} attempts ${r.attempts} ${r.last_error ?? ""}`)
    .join("\n");
}
