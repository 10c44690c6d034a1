import type BetterSqlite3 from "better-sqlite3";
import type { OutboxPayload } from "../core/game/outbox-payload.ts";
import type { DeliveryStore, OutboxRecord } from "../core/ports.ts";
import { fromJson, toJson } from "./sqlite-json.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

type OutboxRow = Omit<OutboxRecord, "payload"> & { readonly payload: string };

/** The `outbox` of messages to deliver, and the `processed_updates` that make updates idempotent. */
export class SqliteDeliveryStore implements DeliveryStore {
  private readonly enqueueStmt: Statement<[string, string, number]>;
  private readonly pendingStmt: Statement<[number], OutboxRow>;
  private readonly markSentStmt: Statement<[number, number]>;
  private readonly markFailedStmt: Statement<[string, number]>;
  private readonly leaseStmt: Statement<[number, number, number]>;
  private readonly claimStmt: Statement<[string, number]>;

  constructor(db: BetterSqlite3.Database) {
    this.enqueueStmt = db.prepare("INSERT INTO outbox (chat_id, payload, created_at) VALUES (?, ?, ?)");
    this.pendingStmt = db.prepare(
      `SELECT id, chat_id AS chatId, payload, created_at AS createdAt, attempts
       FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?`,
    );
    this.markSentStmt = db.prepare("UPDATE outbox SET sent_at = ? WHERE id = ?");
    this.markFailedStmt = db.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ?, lease_until = NULL WHERE id = ?");
    this.leaseStmt = db.prepare(
      "UPDATE outbox SET lease_until = ? WHERE id = ? AND sent_at IS NULL AND (lease_until IS NULL OR lease_until <= ?)",
    );
    this.claimStmt = db.prepare("INSERT INTO processed_updates (key, processed_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING");
  }

  enqueue(chatId: string, payload: OutboxPayload, at: number): number {
    return Number(this.enqueueStmt.run(chatId, toJson(payload), at).lastInsertRowid);
  }

  /** Ordered by id, which follows insertion, so messages to one chat keep their order. */
  pending(limit: number): OutboxRecord[] {
    return this.pendingStmt.all(limit).map((row) => ({ ...row, payload: fromJson<OutboxPayload>(row.payload, `outbox message ${row.id}`) }));
  }

  lease(id: number, at: number, until: number): boolean {
    return this.leaseStmt.run(until, id, at).changes === 1;
  }

  markSent(id: number, at: number): void {
    this.markSentStmt.run(at, id);
  }

  markFailed(id: number, error: string): void {
    this.markFailedStmt.run(error, id);
  }

  claimUpdate(key: string, at: number): boolean {
    return this.claimStmt.run(key, at).changes === 1;
  }
}
