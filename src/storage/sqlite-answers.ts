import type BetterSqlite3 from "better-sqlite3";
import type { AnswerInput, AnswerRecord, AnswerStore, SeenQuestion, SessionResult, TopicProgress } from "../core/ports.ts";
import { ReadCache, type ChangeWatch } from "./read-cache.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

/** A row of `answers` as SQLite returns it: `correct` is 0 or 1. */
type AnswerRow = Omit<AnswerRecord, "correct"> & { readonly correct: 0 | 1 };

/**
 * The bound values of an answer, in column order: positional parameters bind
 * faster than named ones, and every answer goes through here. SQLite has no
 * booleans, so `correct` is 0 or 1.
 */
type AnswerParams = [
  userId: string,
  chatId: string,
  questionId: string,
  topic: string,
  sessionId: number,
  questionIndex: number,
  option: number,
  correct: 0 | 1,
  answeredAt: number,
  responseMs: number,
];

const COLUMNS = `id, user_id AS userId, chat_id AS chatId, question_id AS questionId, topic, session_id AS sessionId,
  question_index AS questionIndex, option, correct, answered_at AS answeredAt, response_ms AS responseMs`;

/** What scoring and learning read of a session's answers, in `ResultRow` order. */
const RESULT_COLUMNS = "id, question_index, user_id, correct, answered_at, response_ms";

/** A `RESULT_COLUMNS` row as an array: every round close reads these, and arrays come back faster than objects. */
type ResultRow = [id: number, questionIndex: number, userId: string, correct: 0 | 1, answeredAt: number, responseMs: number];

function toResult(row: ResultRow): SessionResult {
  return { id: row[0], questionIndex: row[1], userId: row[2], correct: row[3] === 1, answeredAt: row[4], responseMs: row[5] };
}

/** An answer with `correct` as the boolean it stands for. */
function toAnswer(row: AnswerRow): AnswerRecord {
  return { ...row, correct: row.correct === 1 };
}

function seenKey(userId: string, chatId: string): string {
  return `${userId}\u0000${chatId}`;
}

/** The append-only `answers` log and the `question_stats` counters. */
export class SqliteAnswerStore implements AnswerStore {
  private readonly appendStmt: Statement<AnswerParams>;
  private readonly sessionAnswersStmt: Statement<[number, number], AnswerRow>;
  private readonly sessionResultsStmt: Statement<[number], ResultRow>;
  private readonly questionResultsStmt: Statement<[number, number], ResultRow>;
  private readonly hasAnsweredStmt: Statement<[number, number, string], number>;
  private readonly statStmt: Statement<[string, number, number, number]>;
  private readonly seenByUserStmt: Statement<[string, string], SeenQuestion>;
  private readonly seenInChatStmt: Statement<[{ chatId: string }], SeenQuestion>;
  private readonly askedStmt: Statement<[string, string, number]>;
  private readonly recentStmt: Statement<[string, number], 0 | 1>;
  private readonly progressStmt: Statement<[string], TopicProgress>;
  private readonly lastQuestionStmt: Statement<[string, string], string>;
  /** `seenByUser` per user and chat: read on every practice pick, and kept up to date by `appendAnswer`. */
  private readonly seen: ReadCache<Map<string, number>>;

  constructor(db: BetterSqlite3.Database, changes: ChangeWatch) {
    this.seen = new ReadCache(changes);
    // The conflict target names the `answers_once` index: only a second answer is ignored, never another fault.
    this.appendStmt = db.prepare(
      `INSERT INTO answers (user_id, chat_id, question_id, topic, session_id, question_index, option, correct, answered_at, response_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (session_id, question_index, user_id) DO NOTHING`,
    );
    this.sessionAnswersStmt = db.prepare(`SELECT ${COLUMNS} FROM answers WHERE session_id = ? AND question_index = ? ORDER BY id`);
    // Only what scoring and learning need, with one string among them: every round close reads its answers.
    this.sessionResultsStmt = db.prepare<[number], ResultRow>(`SELECT ${RESULT_COLUMNS} FROM answers WHERE session_id = ? ORDER BY question_index, id`).raw();
    this.questionResultsStmt = db
      .prepare<[number, number], ResultRow>(`SELECT ${RESULT_COLUMNS} FROM answers WHERE session_id = ? AND question_index = ? ORDER BY id`)
      .raw();
    this.hasAnsweredStmt = db
      .prepare<[number, number, string], number>("SELECT 1 FROM answers WHERE session_id = ? AND question_index = ? AND user_id = ?")
      .pluck();
    this.statStmt = db.prepare(
      `INSERT INTO question_stats (question_id, attempts, correct, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (question_id) DO UPDATE SET
         attempts = attempts + excluded.attempts,
         correct = correct + excluded.correct,
         updated_at = MAX(updated_at, excluded.updated_at)`,
    );
    // Oldest first, so that "least recently seen" is at the front.
    this.seenByUserStmt = db.prepare(
      `SELECT question_id AS questionId, MAX(answered_at) AS lastAt FROM answers
       WHERE user_id = ? AND chat_id = ? GROUP BY question_id ORDER BY lastAt, questionId`,
    );
    this.askedStmt = db.prepare(
      `INSERT INTO asked_questions (chat_id, question_id, asked_at) VALUES (?, ?, ?)
       ON CONFLICT (chat_id, question_id) DO UPDATE SET asked_at = MAX(asked_at, excluded.asked_at)`,
    );
    this.seenInChatStmt = db.prepare(
      `SELECT questionId, MAX(at) AS lastAt FROM (
         SELECT question_id AS questionId, answered_at AS at FROM answers WHERE chat_id = @chatId
         UNION ALL
         SELECT question_id, asked_at FROM asked_questions WHERE chat_id = @chatId
       ) GROUP BY questionId ORDER BY lastAt, questionId`,
    );
    this.recentStmt = db
      .prepare<[string, number], 0 | 1>("SELECT correct FROM answers WHERE user_id = ? ORDER BY answered_at DESC, id DESC LIMIT ?")
      .pluck();
    this.progressStmt = db.prepare(
      "SELECT topic, COUNT(*) AS answers, SUM(correct) AS correct FROM answers WHERE user_id = ? GROUP BY topic ORDER BY topic",
    );
    this.lastQuestionStmt = db
      .prepare<[string, string], string>(
        // `+chat_id` keeps SQLite on the per-user index: a user's rows are few, a big chat's are not.
        "SELECT question_id FROM answers WHERE user_id = ? AND +chat_id = ? ORDER BY answered_at DESC, id DESC LIMIT 1",
      )
      .pluck();
  }

  appendAnswer(answer: AnswerInput): number | null {
    const a = answer;
    const result = this.appendStmt.run(a.userId, a.chatId, a.questionId, a.topic, a.sessionId, a.questionIndex, a.option, a.correct ? 1 : 0, a.answeredAt, a.responseMs);
    if (result.changes === 0) return null;
    const seen = this.seen.peek(seenKey(answer.userId, answer.chatId));
    if (seen) seen.set(answer.questionId, Math.max(seen.get(answer.questionId) ?? answer.answeredAt, answer.answeredAt));
    return Number(result.lastInsertRowid);
  }

  sessionAnswers(sessionId: number, questionIndex: number): AnswerRecord[] {
    return this.sessionAnswersStmt.all(sessionId, questionIndex).map(toAnswer);
  }

  sessionResults(sessionId: number, questionIndex?: number): SessionResult[] {
    const rows = questionIndex === undefined ? this.sessionResultsStmt.all(sessionId) : this.questionResultsStmt.all(sessionId, questionIndex);
    return rows.map(toResult);
  }

  hasAnswered(sessionId: number, questionIndex: number, userId: string): boolean {
    return this.hasAnsweredStmt.get(sessionId, questionIndex, userId) !== undefined;
  }

  recordQuestionStat(questionId: string, correct: boolean, at: number): void {
    this.statStmt.run(questionId, 1, correct ? 1 : 0, at);
  }

  recordQuestionStats(questionId: string, attempts: number, correct: number, at: number): void {
    this.statStmt.run(questionId, attempts, correct, at);
  }

  recordAsked(chatId: string, questionId: string, at: number): void {
    this.askedStmt.run(chatId, questionId, at);
  }

  seenByUser(userId: string, chatId: string): ReadonlyMap<string, number> {
    return this.seen.get(seenKey(userId, chatId), () => new Map(this.seenByUserStmt.all(userId, chatId).map((s) => [s.questionId, s.lastAt])));
  }

  seenInChat(chatId: string): SeenQuestion[] {
    return this.seenInChatStmt.all({ chatId });
  }

  recentResults(userId: string, limit: number): boolean[] {
    return this.recentStmt.all(userId, limit).map((correct) => correct === 1);
  }

  topicProgress(userId: string): TopicProgress[] {
    return this.progressStmt.all(userId);
  }

  lastQuestion(userId: string, chatId: string): string | undefined {
    return this.lastQuestionStmt.get(userId, chatId);
  }
}
