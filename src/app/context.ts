import type { Bank, Lang } from "../core/bank/types.ts";
import { langFromCode } from "../core/i18n/index.ts";
import type { ChatKind, ChatRecord, Clock, Rng, Store, UserRecord } from "../core/ports.ts";

/** Who sent an update, as the adapter saw them. */
export interface Actor {
  /** Prefixed id, such as `tg:123`. */
  readonly id: string;
  readonly name: string;
  /** The platform's language code for this user (Telegram `language_code`, Discord locale). */
  readonly langHint?: string | undefined;
  /** Bot accounts may look around but never score. */
  readonly isBot?: boolean | undefined;
}

/** The chat an update came from. */
export interface ChatRef {
  readonly id: string;
  readonly kind: ChatKind;
}

/** One incoming request: who, where, and how to ask the platform whether they are an admin. */
export interface RequestContext {
  readonly user: Actor;
  readonly chat: ChatRef;
  /** Whether the user is a chat admin; asked only when a rule needs it. */
  readonly isAdmin: () => boolean | Promise<boolean>;
}

/** What the use cases need, injected by the composition root (or a test). */
export interface AppDeps {
  readonly store: Store;
  readonly bank: Bank;
  readonly clock: Clock;
  readonly rng: Rng;
  /** Overrides every chat's round length, in seconds (MEMQUIZ_ROUND_SECONDS, for scripts and tests). */
  readonly roundSeconds?: number | undefined;
  /** Where use cases report what they did on their own (a skipped daily post); silent when absent. */
  readonly log?: AppLog | undefined;
}

/** The app's log port: one line per event, never secrets. */
export interface AppLog {
  info(message: string): void;
  warn(message: string): void;
}

/** The user and chat rows for a request, created on first sight, and the language to answer in. */
export interface Participants {
  readonly user: UserRecord;
  readonly chat: ChatRecord;
  readonly lang: Lang;
}

/** The reply language: the user's choice, else the chat's, else the platform's hint, else English. */
export function resolveLang(user: UserRecord, chat: ChatRecord, hint: string | undefined): Lang {
  return user.lang ?? chat.lang ?? langFromCode(hint);
}

/** Creates or refreshes the user and chat rows for a request. */
export function participants(store: Store, ctx: RequestContext): Participants {
  const user = store.upsertUser(ctx.user.id, ctx.user.name);
  const chat = store.ensureChat(ctx.chat.id, ctx.chat.kind);
  return { user, chat, lang: resolveLang(user, chat, ctx.user.langHint) };
}
