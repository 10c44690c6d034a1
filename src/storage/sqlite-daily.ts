import type BetterSqlite3 from "better-sqlite3";
import type { BoardKey, DailyPostRecord, DailyStore, ScoreRow } from "../core/ports.ts";
import { fromJson, toJson } from "./sqlite-json.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

const POST_COLUMNS =
  "chat_id AS chatId, date, session_id AS sessionId, question_id AS questionId, due_at AS dueAt, posted_at AS postedAt";

/** The daily question's schedule (`chats.daily_next_at`), its posts, and the season archive. */
export class SqliteDailyStore implements DailyStore {
  private readonly setNextStmt: Statement<[number | null, string]>;
  private readonly dueStmt: Statement<[number, number], { chatId: string; dueAt: number }>;
  private readonly nextStmt: Statement<[], number | null>;
  private readonly insertPostStmt: Statement<[DailyPostRecord]>;
  private readonly lastPostStmt: Statement<[string], DailyPostRecord>;
  private readonly postOfStmt: Statement<[number], DailyPostRecord>;
  private readonly daysStmt: Statement<[string, string], string>;
  private readonly chatsOfStmt: Statement<[string], string>;
  private readonly archiveStmt: Statement<[string, string, string, string, number]>;
  private readonly getArchiveStmt: Statement<[string, string, string], string>;

  constructor(db: BetterSqlite3.Database) {
    this.setNextStmt = db.prepare("UPDATE chats SET daily_next_at = ? WHERE id = ?");
    this.dueStmt = db.prepare(
      "SELECT id AS chatId, daily_next_at AS dueAt FROM chats WHERE daily_next_at IS NOT NULL AND daily_next_at <= ? ORDER BY daily_next_at, id LIMIT ?",
    );
    this.nextStmt = db.prepare<[], number | null>("SELECT MIN(daily_next_at) FROM chats WHERE daily_next_at IS NOT NULL").pluck();
    this.insertPostStmt = db.prepare(
      `INSERT INTO daily_posts (chat_id, date, session_id, question_id, due_at, posted_at)
       VALUES (@chatId, @date, @sessionId, @questionId, @dueAt, @postedAt) ON CONFLICT (chat_id, date) DO NOTHING`,
    );
    this.lastPostStmt = db.prepare(`SELECT ${POST_COLUMNS} FROM daily_posts WHERE chat_id = ? ORDER BY date DESC LIMIT 1`);
    this.postOfStmt = db.prepare(`SELECT ${POST_COLUMNS} FROM daily_posts WHERE session_id = ?`);
    this.daysStmt = db
      .prepare<[string, string], string>(
        `SELECT DISTINCT d.date FROM answers AS a JOIN daily_posts AS d ON d.session_id = a.session_id
         WHERE a.user_id = ? AND a.chat_id = ? ORDER BY d.date`,
      )
      .pluck();
    this.chatsOfStmt = db
      .prepare<[string], string>(
        `SELECT DISTINCT a.chat_id FROM answers AS a JOIN sessions AS s ON s.id = a.session_id
         WHERE a.user_id = ? AND s.kind = 'daily'`,
      )
      .pluck();
    this.archiveStmt = db.prepare(
      `INSERT INTO season_archive (scope, period, period_key, standings, closed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scope, period, period_key) DO NOTHING`,
    );
    this.getArchiveStmt = db
      .prepare<[string, string, string], string>("SELECT standings FROM season_archive WHERE scope = ? AND period = ? AND period_key = ?")
      .pluck();
  }

  setDailyNext(chatId: string, at: number | null): void {
    this.setNextStmt.run(at, chatId);
  }

  dueDailyChats(at: number, limit: number): { chatId: string; dueAt: number }[] {
    return this.dueStmt.all(at, limit);
  }

  nextDailyAt(): number | null {
    return this.nextStmt.get() ?? null;
  }

  recordDailyPost(post: DailyPostRecord): boolean {
    const { chatId, date, sessionId, questionId, dueAt, postedAt } = post;
    return this.insertPostStmt.run({ chatId, date, sessionId, questionId, dueAt, postedAt }).changes === 1;
  }

  lastDailyPost(chatId: string): DailyPostRecord | undefined {
    return this.lastPostStmt.get(chatId);
  }

  dailyPostOf(sessionId: number): DailyPostRecord | undefined {
    return this.postOfStmt.get(sessionId);
  }

  dailyDays(userId: string, chatId: string): string[] {
    return this.daysStmt.all(userId, chatId);
  }

  dailyChatsOf(userId: string): string[] {
    return this.chatsOfStmt.all(userId);
  }

  archiveSeason(board: BoardKey, standings: readonly ScoreRow[], at: number): boolean {
    return this.archiveStmt.run(board.scope, board.period, board.key, toJson(standings), at).changes === 1;
  }

  seasonArchive(board: BoardKey): ScoreRow[] | undefined {
    const text = this.getArchiveStmt.get(board.scope, board.period, board.key);
    return text === undefined ? undefined : fromJson<ScoreRow[]>(text, `season_archive.standings of ${board.scope} ${board.key}`);
  }
}
