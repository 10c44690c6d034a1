import type BetterSqlite3 from "better-sqlite3";
import type { RefStore } from "../core/ports.ts";
import { fromJson, toJson } from "./sqlite-json.ts";

/** Platform references (poll ids, message ids) in the `platform_refs` table. */
export class SqliteRefStore implements RefStore {
  private readonly putStmt: BetterSqlite3.Statement<[string, string, number]>;
  private readonly getStmt: BetterSqlite3.Statement<[string], string>;

  constructor(db: BetterSqlite3.Database) {
    this.putStmt = db.prepare(
      "INSERT INTO platform_refs (key, value, created_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    this.getStmt = db.prepare<[string], string>("SELECT value FROM platform_refs WHERE key = ?").pluck();
  }

  putRef(key: string, value: unknown, at: number): void {
    this.putStmt.run(key, toJson(value), at);
  }

  getRef<T>(key: string): T | undefined {
    const text = this.getStmt.get(key);
    return text === undefined ? undefined : fromJson<T>(text, `platform_refs.value for ${key}`);
  }
}
