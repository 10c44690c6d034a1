import type BetterSqlite3 from "better-sqlite3";
import { payloadWithoutUser, rowsWithoutUser } from "../core/game/forget-scrub.ts";
import type { OutboxPayload } from "../core/game/outbox-payload.ts";
import { FORGOTTEN_USER, type ForgetReport, type ForgetStore, type ScoreRow } from "../core/ports.ts";
import { fromJson, toJson } from "./sqlite-json.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

/**
 * The user's answers that were already counted in `question_stats`: every
 * practice answer (counted when given), and round and daily answers whose
 * question has closed (counted at the close). Answers to a question still
 * open were not counted yet.
 */
const COUNTED_STATS = `
  SELECT a.question_id AS questionId, COUNT(*) AS attempts, SUM(a.correct) AS correct
  FROM answers AS a JOIN sessions AS s ON s.id = a.session_id
  WHERE a.user_id = ?
    AND (s.kind = 'practice' OR s.status <> 'open' OR a.question_index < json_extract(s.state, '$.index'))
  GROUP BY a.question_id`;

/**
 * `/forget` on SQLite: one transaction deletes a user's rows from every
 * table that holds them and fixes the aggregates that counted them. Other
 * players' board rows are sums of their own awards, so they keep their
 * points and only their ranks move.
 */
export class SqliteForgetStore implements ForgetStore {
  private readonly chatsStmt: Statement<[string], string>;
  private readonly countedStmt: Statement<[string], { questionId: string; attempts: number; correct: number }>;
  private readonly subtractStatStmt: Statement<[number, number, string]>;
  private readonly deletes: readonly [keyof ForgetReport | undefined, Statement<[string]>][];
  private readonly restarterStmt: Statement<[string, string]>;
  private readonly outboxStmt: Statement<[string], { id: number; payload: string }>;
  private readonly putOutboxStmt: Statement<[string, number]>;
  private readonly archiveStmt: Statement<[string], { scope: string; period: string; key: string; standings: string }>;
  private readonly putArchiveStmt: Statement<[string, string, string, string]>;
  private readonly run: (userId: string) => ForgetReport;

  constructor(db: BetterSqlite3.Database) {
    this.chatsStmt = db.prepare<[string], string>("SELECT DISTINCT chat_id FROM answers WHERE user_id = ? ORDER BY chat_id").pluck();
    this.countedStmt = db.prepare(COUNTED_STATS);
    this.subtractStatStmt = db.prepare("UPDATE question_stats SET attempts = MAX(0, attempts - ?), correct = MAX(0, correct - ?) WHERE question_id = ?");
    // Children before parents: awards point at answers, answers at sessions, all of them at users.
    this.deletes = [
      ["awards", db.prepare("DELETE FROM awards WHERE user_id = ?")],
      ["scoreRows", db.prepare("DELETE FROM scores WHERE user_id = ?")],
      ["answers", db.prepare("DELETE FROM answers WHERE user_id = ?")],
      // Practice sessions are the user's alone; no one else can answer in them.
      [undefined, db.prepare("DELETE FROM answers WHERE session_id IN (SELECT id FROM sessions WHERE kind = 'practice' AND started_by = ?)")],
      ["practiceSessions", db.prepare("DELETE FROM sessions WHERE kind = 'practice' AND started_by = ?")],
      ["abilities", db.prepare("DELETE FROM abilities WHERE user_id = ?")],
      ["reviewCards", db.prepare("DELETE FROM review_cards WHERE user_id = ?")],
      ["reports", db.prepare("DELETE FROM reports WHERE user_id = ?")],
      [undefined, db.prepare("DELETE FROM users WHERE id = ?")],
    ];
    this.restarterStmt = db.prepare("UPDATE sessions SET started_by = ? WHERE started_by = ?");
    this.outboxStmt = db.prepare("SELECT id, payload FROM outbox WHERE instr(payload, ?) > 0");
    this.putOutboxStmt = db.prepare("UPDATE outbox SET payload = ? WHERE id = ?");
    this.archiveStmt = db.prepare("SELECT scope, period, period_key AS key, standings FROM season_archive WHERE instr(standings, ?) > 0");
    this.putArchiveStmt = db.prepare("UPDATE season_archive SET standings = ? WHERE scope = ? AND period = ? AND period_key = ?");
    // Inside a caller's transaction this becomes a savepoint; alone, it is one transaction.
    this.run = db.transaction((userId: string) => this.forget(userId));
  }

  forgetUser(userId: string): ForgetReport {
    return this.run(userId);
  }

  private forget(userId: string): ForgetReport {
    const chats = this.chatsStmt.all(userId);
    for (const stat of this.countedStmt.all(userId)) this.subtractStatStmt.run(stat.attempts, stat.correct, stat.questionId);
    const counts: Record<string, number> = {};
    for (const [name, statement] of this.deletes) {
      const { changes } = statement.run(userId);
      if (name) counts[name] = changes;
    }
    this.restarterStmt.run(FORGOTTEN_USER, userId);
    this.scrubNames(userId);
    return {
      answers: counts.answers ?? 0,
      awards: counts.awards ?? 0,
      scoreRows: counts.scoreRows ?? 0,
      abilities: counts.abilities ?? 0,
      reviewCards: counts.reviewCards ?? 0,
      practiceSessions: counts.practiceSessions ?? 0,
      reports: counts.reports ?? 0,
      chats,
    };
  }

  /** Takes the user's rows out of outbox messages (queued or sent) and archived season standings. */
  private scrubNames(userId: string): void {
    // JSON.stringify writes `"userId":"…"` without spaces, so this finds every list row of the user.
    const needle = `"userId":${JSON.stringify(userId)}`;
    for (const row of this.outboxStmt.all(needle)) {
      const scrubbed = payloadWithoutUser(fromJson<OutboxPayload>(row.payload, `outbox message ${row.id}`), userId);
      if (scrubbed) this.putOutboxStmt.run(toJson(scrubbed), row.id);
    }
    for (const row of this.archiveStmt.all(needle)) {
      const kept = rowsWithoutUser(fromJson<ScoreRow[]>(row.standings, "season_archive.standings"), userId);
      if (kept) this.putArchiveStmt.run(toJson(kept), row.scope, row.period, row.key);
    }
  }
}
