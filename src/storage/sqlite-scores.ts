import type BetterSqlite3 from "better-sqlite3";
import type { AwardInput, BoardKey, Period, RankInfo, ScoreRow, ScoreStore, SessionAward, SessionTotal } from "../core/ports.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

interface BoardParams {
  readonly scope: string;
  readonly period: Period;
  readonly key: string;
}

/** The leaderboard queries whose plans matter; exported so a test can check which indexes they use. */
export const SCORE_SQL = {
  // scores_rank (scope, period, period_key, points DESC) carries the primary key, so it covers this
  // query and yields rows by points; only ties are sorted by name, and LIMIT stops the scan early.
  top: `SELECT s.user_id AS userId, u.name AS name, s.points AS points
        FROM scores AS s JOIN users AS u ON u.id = s.user_id
        WHERE s.scope = @scope AND s.period = @period AND s.period_key = @key
        ORDER BY s.points DESC, u.name, s.user_id LIMIT @limit`,
  // Ties share a rank: 1 + the players with strictly more points. `score_counts` holds how many
  // players stand on each total of a board (kept by triggers on `scores`), so one pass over the
  // board's distinct totals, a few hundred rows, gives both the rank and the number of players,
  // where counting `scores` rows would read up to a million. GROUP BY: no row for a missing player.
  rank: `SELECT s.points AS points,
          1 + COALESCE(SUM(c.players) FILTER (WHERE c.points > s.points), 0) AS rank,
          SUM(c.players) AS players
        FROM scores AS s
        JOIN score_counts AS c ON c.scope = s.scope AND c.period = s.period AND c.period_key = s.period_key
        WHERE s.scope = @scope AND s.period = @period AND s.period_key = @key AND s.user_id = @userId
        GROUP BY s.user_id`,
} as const;

/** Awards, and the leaderboards in `scores` that are materialised from them. */
export class SqliteScoreStore implements ScoreStore {
  private readonly insertAwardStmt: Statement<[AwardInput]>;
  private readonly addPointsStmt: Statement<[string, string, string, string, number]>;
  private readonly topStmt: Statement<[BoardParams & { readonly limit: number }], ScoreRow>;
  private readonly rankStmt: Statement<[BoardParams & { readonly userId: string }], RankInfo>;
  private readonly totalsStmt: Statement<[number], SessionTotal>;
  private readonly sessionAwardsStmt: Statement<[number], SessionAward>;
  private readonly addAwardTx: (award: AwardInput, boards: readonly BoardKey[]) => void;
  private readonly addPointsTx: (userId: string, points: number, boards: readonly BoardKey[]) => void;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.insertAwardStmt = db.prepare(
      "INSERT INTO awards (answer_id, user_id, chat_id, points, at) VALUES (@answerId, @userId, @chatId, @points, @at)",
    );
    this.addPointsStmt = db.prepare(
      `INSERT INTO scores (scope, period, period_key, user_id, points) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scope, period, period_key, user_id) DO UPDATE SET points = points + excluded.points`,
    );
    this.topStmt = db.prepare(SCORE_SQL.top);
    this.rankStmt = db.prepare(SCORE_SQL.rank);
    // Every user who answered in the session, with 0 when none of their answers earned points.
    this.totalsStmt = db.prepare(
      `SELECT a.user_id AS userId, u.name AS name, COALESCE(SUM(w.points), 0) AS points, SUM(a.correct) AS correct
       FROM answers AS a
       JOIN users AS u ON u.id = a.user_id
       LEFT JOIN awards AS w ON w.answer_id = a.id
       WHERE a.session_id = ?
       GROUP BY a.user_id, u.name
       ORDER BY points DESC, u.name, a.user_id`,
    );
    // answers_once (session_id, question_index, user_id) finds the session's answers, then each award by its key.
    this.sessionAwardsStmt = db.prepare(
      `SELECT w.user_id AS userId, w.points AS points, w.at AS at
       FROM answers AS a JOIN awards AS w ON w.answer_id = a.id
       WHERE a.session_id = ?
       ORDER BY a.id`,
    );
    // A transaction function made once: inside a caller's transaction it becomes a savepoint.
    this.addAwardTx = db.transaction((award: AwardInput, boards: readonly BoardKey[]) => this.writeAward(award, boards));
    this.addPointsTx = db.transaction((userId: string, points: number, boards: readonly BoardKey[]) => this.writePoints(userId, points, boards));
  }

  addAward(award: AwardInput, boards: readonly BoardKey[]): void {
    // Inside the caller's transaction already (a round close): no savepoint of its own.
    if (this.db.inTransaction) this.writeAward(award, boards);
    else this.addAwardTx(award, boards);
  }

  addToBoards(userId: string, points: number, boards: readonly BoardKey[]): void {
    if (this.db.inTransaction) this.writePoints(userId, points, boards);
    else this.addPointsTx(userId, points, boards);
  }

  sessionAwards(sessionId: number): SessionAward[] {
    return this.sessionAwardsStmt.all(sessionId);
  }

  private writeAward(award: AwardInput, boards: readonly BoardKey[]): void {
    this.insertAwardStmt.run(award);
    this.writePoints(award.userId, award.points, boards);
  }

  private writePoints(userId: string, points: number, boards: readonly BoardKey[]): void {
    for (let i = 0; i < boards.length; i++) {
      const { scope, period, key } = boards[i]!;
      // The same board given twice still counts the points once.
      if (boards.findIndex((b) => b.scope === scope && b.period === period && b.key === key) < i) continue;
      this.addPointsStmt.run(scope, period, key, userId, points);
    }
  }

  top(board: BoardKey, limit: number): ScoreRow[] {
    return this.topStmt.all({ scope: board.scope, period: board.period, key: board.key, limit });
  }

  rank(board: BoardKey, userId: string): RankInfo | undefined {
    return this.rankStmt.get({ scope: board.scope, period: board.period, key: board.key, userId });
  }

  sessionTotals(sessionId: number): SessionTotal[] {
    return this.totalsStmt.all(sessionId);
  }
}
