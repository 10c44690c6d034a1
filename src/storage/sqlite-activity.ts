import type BetterSqlite3 from "better-sqlite3";
import type { ActivityStore } from "../core/ports.ts";

/** Reads over the `answers` log for the `/me` card; it writes nothing. */
export class SqliteActivityStore implements ActivityStore {
  private readonly slotsStmt: BetterSqlite3.Statement<[number, string, number], number>;

  constructor(db: BetterSqlite3.Database) {
    // Served by the answers_by_user index, which covers it; integer division groups the instants into slots.
    this.slotsStmt = db
      .prepare<[number, string, number], number>("SELECT DISTINCT answered_at / ? AS slot FROM answers WHERE user_id = ? AND answered_at >= ? ORDER BY slot")
      .pluck();
  }

  answerSlots(userId: string, since: number, slotMs: number): number[] {
    const size = Math.max(1, Math.floor(slotMs));
    return this.slotsStmt.all(size, userId, since).map((slot) => slot * size);
  }
}
