import { afterEach, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, type SqliteDatabase } from "../../src/storage/index.ts";

let db: SqliteDatabase | undefined;
afterEach(() => {
  if (db) closeDatabase(db);
  db = undefined;
});

/** The query plan's lines for a statement. */
function plan(sql: string): string[] {
  return (db!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all("tg:1") as { detail: string }[]).map((row) => row.detail);
}

describe("deleting a user's data (/forget) at scale", () => {
  it("finds their awards and leaderboard rows through an index, not a scan of the table", () => {
    db = openDatabase(":memory:");
    for (const table of ["awards", "scores"]) {
      const lines = plan(`DELETE FROM ${table} WHERE user_id = ?`);
      expect(lines.join("\n")).toMatch(new RegExp(`USING (COVERING )?INDEX ${table}_user`));
      expect(lines.some((line) => line.startsWith(`SCAN ${table}`))).toBe(false);
    }
  });

  it("has an index led by user_id on every table that refers to users, so deleting the user row checks them cheaply", () => {
    db = openDatabase(":memory:");
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]).filter(
      (table) => (db!.prepare(`SELECT * FROM pragma_foreign_key_list(?)`).all(table) as { table: string }[]).some((fk) => fk.table === "users"),
    );
    expect(tables.sort()).toEqual(["abilities", "answers", "awards", "review_cards", "scores"]);
    for (const table of tables) {
      const lines = plan(`SELECT 1 FROM ${table} WHERE user_id = ?`);
      expect(lines.some((line) => line.startsWith(`SCAN ${table}`)), `${table}: ${lines.join("; ")}`).toBe(false);
    }
  });
});
