import type BetterSqlite3 from "better-sqlite3";
import type { Lang } from "../core/bank/types.ts";
import {
  DEFAULT_SETTINGS,
  type ChatKind,
  type ChatRecord,
  type ChatSettings,
  type Clock,
  type DirectoryStore,
  type UserRecord,
} from "../core/ports.ts";
import type { DailySchedule } from "../core/game/daily.ts";
import { parseClockTime } from "../core/time/zoned.ts";
import { ReadCache, type ChangeWatch } from "./read-cache.ts";
import { fromJson, toJson } from "./sqlite-json.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

interface ChatRow {
  readonly id: string;
  readonly kind: ChatKind;
  readonly lang: Lang | null;
  readonly timezone: string;
  readonly settings: string;
}

/**
 * Reads stored settings, taking each missing or malformed key from
 * DEFAULT_SETTINGS. New chats store `{}`, so a chat that never changed a
 * setting follows the defaults even when a later release changes them.
 */
export function readSettings(text: string): ChatSettings {
  const raw = fromJson<unknown>(text, "chats.settings");
  const stored = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const { roundSeconds, roundQuestions, topics, daily, cards } = stored;
  return {
    roundSeconds: typeof roundSeconds === "number" ? roundSeconds : DEFAULT_SETTINGS.roundSeconds,
    roundQuestions: typeof roundQuestions === "number" ? roundQuestions : DEFAULT_SETTINGS.roundQuestions,
    topics: Array.isArray(topics) && topics.every((t) => typeof t === "string") ? (topics as string[]) : DEFAULT_SETTINGS.topics,
    daily: readDaily(daily),
    // Chats stored before picture cards existed have no key: they get the default (on).
    cards: typeof cards === "boolean" ? cards : DEFAULT_SETTINGS.cards,
  };
}

/** The stored daily schedule, each missing or malformed key from the defaults. */
function readDaily(raw: unknown): DailySchedule {
  const d = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const fallback = DEFAULT_SETTINGS.daily;
  return {
    enabled: typeof d["enabled"] === "boolean" ? d["enabled"] : fallback.enabled,
    time: typeof d["time"] === "string" && parseClockTime(d["time"]) !== undefined ? d["time"] : fallback.time,
    revealHours: typeof d["revealHours"] === "number" ? d["revealHours"] : fallback.revealHours,
  };
}

/** A chat record as the cache shares it: frozen, settings and topics included. */
function toChat(row: ChatRow): ChatRecord {
  const settings = readSettings(row.settings);
  Object.freeze(settings.topics);
  Object.freeze(settings.daily);
  return Object.freeze({ id: row.id, kind: row.kind, lang: row.lang, timezone: row.timezone, settings: Object.freeze(settings) });
}

/** How many chats are cached: those with rounds and answers right now, not every chat ever seen. */
const CHAT_CACHE_SIZE = 1_000;

/** How many users are cached: the players of the rounds running at once. */
const USER_CACHE_SIZE = 1_000;

/** Users and chats in the `users` and `chats` tables. */
export class SqliteDirectoryStore implements DirectoryStore {
  private readonly upsertUserStmt: Statement<[string, string, number], UserRecord>;
  private readonly insertUserStmt: Statement<[string, string, number]>;
  private readonly getUserStmt: Statement<[string], UserRecord>;
  private readonly setUserLangStmt: Statement<[Lang | null, string]>;
  private readonly insertChatStmt: Statement<[string, ChatKind, number]>;
  private readonly getChatStmt: Statement<[string], ChatRow>;
  private readonly updateChatStmt: Statement<[Lang | null, string, string, string]>;

  /** Chats by id: every answer and every close reads its chat, and settings change rarely. */
  private readonly chats: ReadCache<ChatRecord>;
  /** Users by id, frozen: every answer upserts its player, whose name rarely changes. */
  private readonly users: ReadCache<UserRecord>;

  /** `clock` stamps `created_at`, which the DirectoryStore methods don't pass. */
  constructor(
    db: BetterSqlite3.Database,
    private readonly clock: Clock,
    changes: ChangeWatch,
  ) {
    this.chats = new ReadCache(changes, CHAT_CACHE_SIZE);
    this.users = new ReadCache(changes, USER_CACHE_SIZE);
    this.upsertUserStmt = db.prepare(
      // Only a new name is written: a known user's answer doesn't rewrite their row.
      `INSERT INTO users (id, name, lang, created_at) VALUES (?, ?, NULL, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE users.name IS NOT excluded.name
       RETURNING id, name, lang`,
    );
    // A new user: a plain insert, which costs less than the upsert's RETURNING.
    this.insertUserStmt = db.prepare("INSERT INTO users (id, name, lang, created_at) VALUES (?, ?, NULL, ?) ON CONFLICT (id) DO NOTHING");
    this.getUserStmt = db.prepare("SELECT id, name, lang FROM users WHERE id = ?");
    this.setUserLangStmt = db.prepare("UPDATE users SET lang = ? WHERE id = ?");
    this.insertChatStmt = db.prepare(
      `INSERT INTO chats (id, kind, lang, timezone, settings, created_at) VALUES (?, ?, NULL, 'UTC', '{}', ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.getChatStmt = db.prepare("SELECT id, kind, lang, timezone, settings FROM chats WHERE id = ?");
    this.updateChatStmt = db.prepare("UPDATE chats SET lang = ?, timezone = ?, settings = ? WHERE id = ?");
  }

  upsertUser(id: string, name: string): UserRecord {
    // Every update runs this: a known user under the same name costs no write, and no read once cached.
    const known = this.getUser(id);
    if (known !== undefined && known.name === name) return known;
    // Unknown here: usually a new user. Another process may have added them since the read; then the upsert below decides.
    if (known === undefined && this.insertUserStmt.run(id, name, this.clock.now()).changes === 1) return this.remember({ id, name, lang: null });
    // No row comes back when the user was known under the same name.
    const row = this.upsertUserStmt.get(id, name, this.clock.now()) ?? this.getUserStmt.get(id);
    if (row === undefined) throw new Error(`upserting user ${id} returned no row`);
    return this.remember(row);
  }

  getUser(id: string): UserRecord | undefined {
    const cached = this.users.peekFresh(id);
    if (cached !== undefined) return cached;
    const row = this.getUserStmt.get(id);
    return row && this.remember(row);
  }

  setUserLang(id: string, lang: Lang | null): void {
    this.setUserLangStmt.run(lang, id);
    this.users.delete(id);
  }

  /** Caches a user as read or written, as a frozen record of its own. */
  private remember(row: UserRecord): UserRecord {
    const user = Object.freeze({ id: row.id, name: row.name, lang: row.lang });
    this.users.set(user.id, user);
    return user;
  }

  ensureChat(id: string, kind: ChatKind): ChatRecord {
    const known = this.getChat(id);
    if (known !== undefined) return known;
    this.insertChatStmt.run(id, kind, this.clock.now());
    const chat = this.getChat(id);
    if (chat === undefined) throw new Error(`chat ${id} is missing right after it was created`);
    return chat;
  }

  getChat(id: string): ChatRecord | undefined {
    // A missing chat is not remembered: ensureChat creates it right after.
    const known = this.chats.peekFresh(id);
    if (known !== undefined) return known;
    const row = this.getChatStmt.get(id);
    if (row === undefined) return undefined;
    const chat = toChat(row);
    this.chats.set(id, chat);
    return chat;
  }

  updateChat(chat: ChatRecord): void {
    const { roundSeconds, roundQuestions, topics, daily, cards } = chat.settings;
    const { enabled, time, revealHours } = daily;
    this.updateChatStmt.run(chat.lang, chat.timezone, toJson({ roundSeconds, roundQuestions, topics, daily: { enabled, time, revealHours }, cards }), chat.id);
    // Read back on next use, as stored.
    this.chats.delete(chat.id);
  }
}
