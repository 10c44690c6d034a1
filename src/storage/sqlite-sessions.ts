import type BetterSqlite3 from "better-sqlite3";
import type { SessionKind, SessionRecord, SessionStore } from "../core/ports.ts";
import { ReadCache, type ChangeWatch } from "./read-cache.ts";
import { fromJson, toJson } from "./sqlite-json.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

type SessionRow = Omit<SessionRecord, "state"> & { readonly state: string };

const COLUMNS =
  "id, chat_id AS chatId, kind, status, started_by AS startedBy, created_at AS createdAt, closes_at AS closesAt, state";

/** The session queries whose plans matter; exported so a test can check they use the partial indexes. */
export const SESSION_SQL = {
  open: `SELECT ${COLUMNS} FROM sessions WHERE chat_id = ? AND kind = ? AND status = 'open' ORDER BY id DESC LIMIT 1`,
  openBy: `SELECT ${COLUMNS} FROM sessions WHERE chat_id = ? AND kind = ? AND started_by = ? AND status = 'open' ORDER BY id DESC LIMIT 1`,
  // `closes_at IS NOT NULL` repeats the partial index's condition so that SQLite sees it applies.
  due: `SELECT ${COLUMNS} FROM sessions WHERE status = 'open' AND closes_at IS NOT NULL AND closes_at <= ? ORDER BY closes_at, id`,
  nextDeadline: "SELECT MIN(closes_at) FROM sessions WHERE status = 'open' AND closes_at IS NOT NULL",
} as const;

function toSession<S>(row: SessionRow): SessionRecord<S> {
  return { ...row, state: fromJson<S>(row.state, `sessions.state of session ${row.id}`) };
}

/** A cached record and its state are shared between callers, so they are frozen. */
function frozen<S>(record: SessionRecord<S>): SessionRecord<S> {
  Object.freeze(record.state);
  return Object.freeze(record);
}

/** Practice runs and rounds in the `sessions` table, with JSON state. */
export class SqliteSessionStore implements SessionStore {
  private readonly insertStmt: Statement<[string, SessionKind, string, number, number, number | null, string], SessionRow>;
  private readonly getStmt: Statement<[number], SessionRow>;
  private readonly updateStmt: Statement<[string, number | null, SessionRecord["status"], number, number]>;
  private readonly updateOpenStmt: Statement<[string, number | null, number, number]>;
  private readonly openStmt: Statement<[string, SessionKind], SessionRow>;
  private readonly openByStmt: Statement<[string, SessionKind, string], SessionRow>;
  private readonly dueStmt: Statement<[number], SessionRow>;
  private readonly nextDeadlineStmt: Statement<[], number | null>;
  /**
   * Open sessions by id for `getSession`: every answer reads its session, and
   * a burst brings hundreds of answers to one. Kept up to date by `createSession` and
   * `updateSession`, the only writers of this table besides `/forget`
   * (which empties every cache).
   */
  private readonly byId: ReadCache<SessionRecord<unknown>>;

  constructor(db: BetterSqlite3.Database, changes: ChangeWatch) {
    this.byId = new ReadCache(changes);
    this.insertStmt = db.prepare(
      `INSERT INTO sessions (chat_id, kind, status, started_by, created_at, updated_at, closes_at, state)
       VALUES (?, ?, 'open', ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE id = ?`);
    this.updateStmt = db.prepare("UPDATE sessions SET state = ?, closes_at = ?, status = ?, updated_at = ? WHERE id = ?");
    // A session that stays open: with no `status` in SET, SQLite leaves the partial indexes on
    // open sessions alone, where setting it (even to the same value) rewrites their entries.
    this.updateOpenStmt = db.prepare("UPDATE sessions SET state = ?, closes_at = ?, updated_at = ? WHERE id = ? AND status = 'open'");
    this.openStmt = db.prepare(SESSION_SQL.open);
    this.openByStmt = db.prepare(SESSION_SQL.openBy);
    this.dueStmt = db.prepare(SESSION_SQL.due);
    this.nextDeadlineStmt = db.prepare<[], number | null>(SESSION_SQL.nextDeadline).pluck();
  }

  createSession<S>(input: { chatId: string; kind: SessionKind; startedBy: string; createdAt: number; closesAt: number | null; state: S }): SessionRecord<S> {
    const { chatId, kind, startedBy, createdAt, closesAt, state } = input;
    const row = this.insertStmt.get(chatId, kind, startedBy, createdAt, createdAt, closesAt, toJson(state));
    if (row === undefined) throw new Error(`creating a ${kind} session in chat ${chatId} returned no row`);
    const session = frozen(toSession<S>(row));
    this.byId.set(String(session.id), session as SessionRecord<unknown>);
    return session;
  }

  getSession<S>(id: number): SessionRecord<S> | undefined {
    const key = String(id);
    const known = this.byId.peekFresh(key);
    if (known !== undefined) return known as SessionRecord<S>;
    const row = this.getStmt.get(id);
    if (row === undefined) return undefined;
    const session = frozen(toSession<unknown>(row));
    // Only open sessions are kept: ended ones would pile up over the bot's lifetime.
    if (session.status === "open") this.byId.set(key, session);
    return session as SessionRecord<S>;
  }

  updateSession<S>(id: number, change: { state: S; closesAt: number | null; status: SessionRecord["status"]; updatedAt: number }): void {
    const state = toJson(change.state);
    let changes = change.status === "open" ? this.updateOpenStmt.run(state, change.closesAt, change.updatedAt, id).changes : 0;
    if (changes === 0) changes = this.updateStmt.run(state, change.closesAt, change.status, change.updatedAt, id).changes;
    const known = this.byId.peek(String(id));
    if (known === undefined) return;
    // A session that has ended is rarely read again: it leaves the cache, which holds the open ones.
    // The cached copy gets its own parse of what was written, never the caller's object.
    if (changes === 0 || change.status !== "open") this.byId.delete(String(id));
    else this.byId.set(String(id), frozen({ ...known, state: fromJson<unknown>(state, `sessions.state of session ${id}`), closesAt: change.closesAt, status: change.status }));
  }

  /** When several match (practice runs by different users), the newest. */
  openSession<S>(chatId: string, kind: SessionKind, startedBy?: string): SessionRecord<S> | undefined {
    const row = startedBy === undefined ? this.openStmt.get(chatId, kind) : this.openByStmt.get(chatId, kind, startedBy);
    return row && toSession<S>(row);
  }

  dueSessions<S>(at: number): SessionRecord<S>[] {
    return this.dueStmt.all(at).map((row) => toSession<S>(row));
  }

  nextDeadline(): number | null {
    return this.nextDeadlineStmt.get() ?? null;
  }
}
