import type BetterSqlite3 from "better-sqlite3";
import type { ReportRecord, ReportStore } from "../core/ports.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

/** Question reports from users, in the `reports` table. */
export class SqliteReportStore implements ReportStore {
  private readonly addStmt: Statement<[Omit<ReportRecord, "id">]>;
  private readonly listStmt: Statement<[], ReportRecord>;

  constructor(db: BetterSqlite3.Database) {
    this.addStmt = db.prepare(
      "INSERT INTO reports (user_id, chat_id, question_id, text, created_at) VALUES (@userId, @chatId, @questionId, @text, @createdAt)",
    );
    this.listStmt = db.prepare(
      `SELECT id, user_id AS userId, chat_id AS chatId, question_id AS questionId, text, created_at AS createdAt
       FROM reports ORDER BY created_at DESC, id DESC`,
    );
  }

  addReport(input: Omit<ReportRecord, "id">): number {
    const { userId, chatId, questionId, text, createdAt } = input;
    return Number(this.addStmt.run({ userId, chatId, questionId, text, createdAt }).lastInsertRowid);
  }

  listReports(): ReportRecord[] {
    return this.listStmt.all();
  }
}
