/**
 * A small fake of the Telegram Bot API for end-to-end tests: the real grammY
 * client talks to it over HTTP on 127.0.0.1, and tests push updates, inject
 * faults and inspect what the bot sent.
 *
 * ```ts
 * const fake = await startFakeTelegram();
 * const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
 * const ann = fake.user(501, "Ann");
 * fake.pushUpdate(fake.message(fake.privateChat(ann), ann, "/start"));
 * // ... bot.start(), then assert on fake.messages(ann.id) or fake.callsOf("sendMessage")
 * await bot.stop();
 * await fake.close();
 * ```
 */
import type { BotCommand, Message, Poll, User } from "grammy/types";
import { groupChat, privateChat, user } from "./factories.ts";
import { FaultPlan, type Fault } from "./faults.ts";
import { startApiServer, type ApiCall } from "./http-server.ts";
import { commandKey } from "./methods-bot.ts";
import { createMethodTable } from "./method-table.ts";
import { RateLimiter, type RateLimits } from "./rate-limits.ts";
import { FakeState, type MemberStatus, type UploadRecord } from "./state.ts";
import { buildCallbackQuery, buildMessage, buildPollAnswer, type UserChat } from "./update-builders.ts";
import { UpdateQueue, type UpdateInput } from "./update-queue.ts";

export { commandEntities, groupChat, privateChat, user, type UserOptions } from "./factories.ts";
export type { ApiCall } from "./http-server.ts";
export type { Fault } from "./faults.ts";
export type { RateLimits } from "./rate-limits.ts";
export type { MemberStatus, UploadRecord } from "./state.ts";
export type { UpdateInput } from "./update-queue.ts";
export type { UserChat } from "./update-builders.ts";
export type { UploadedFile } from "./request-body.ts";

/** The default token; its bot id (123456) matches {@link FakeTelegram.botUser}. */
export const FAKE_TOKEN = "123456:TEST-token_abcdefghij";

/** How to start a fake. */
export interface FakeTelegramOptions {
  /** The only token the fake accepts; others get 401. */
  token?: string;
  /** Turns on Telegram's broadcasting limits; off by default. */
  rateLimits?: RateLimits;
  /** The clock (ms) for rate limits, `date` fields and `ApiCall.at`; defaults to `Date.now`. */
  now?: () => number;
}

/** A running fake Bot API and the handles a test uses on it. */
export interface FakeTelegram {
  /** Pass as `new Bot(token, { client: { apiRoot } })`. */
  readonly apiRoot: string;
  /** The token the fake accepts. */
  readonly token: string;
  /** The bot itself, as `getMe` returns it. */
  readonly botUser: User;
  /** Every request in arrival order, including refused ones. */
  readonly calls: readonly ApiCall[];
  /** The calls of one method (case-insensitive), in order. */
  callsOf(method: string): ApiCall[];
  /** Queues an update for `getUpdates`; `update_id` counts up from 1 unless given. Returns the id. */
  pushUpdate(update: UpdateInput): number;
  /** Builds a text message update from `from` in `chat`, with a `bot_command` entity for a leading command. */
  message(chat: UserChat, from: User, text: string): UpdateInput;
  /** Builds a button press on the bot's message `messageId` in `chat`, with a fresh query id. */
  callbackQuery(chat: UserChat, from: User, data: string, messageId: number): UpdateInput;
  /** Builds a poll answer; `[]` retracts the vote. Pushing it updates the poll's counts. */
  pollAnswer(pollId: string, from: User, optionIds: number[]): UpdateInput;
  /** Builds the private chat with a user, and makes the fake know it. */
  privateChat: typeof privateChat;
  /** Builds a supergroup (use a negative id, as Telegram does), and makes the fake know it. */
  groupChat: typeof groupChat;
  /** Builds a human user, and makes the fake know it. */
  user: typeof user;
  /** Sets what `getChatMember` reports for a user in a chat (default "member"; the bot is "administrator"). */
  setChatMember(chatId: number, userId: number, status: MemberStatus): void;
  /** Makes sends to a chat fail with 403, as when a user blocks the bot or a group kicks it. */
  blockChat(chatId: number): void;
  /** Injects a fault into the next call(s) of `method`, or of any method with "*". */
  failNext(method: string, fault: Fault): void;
  /** How many sends the rate limits refused with 429 (injected 429s are not counted). */
  readonly rejected429: number;
  /** A chat's current messages, from users and the bot, after edits and deletions, oldest first. */
  messages(chatId: number): Message[];
  /** Files (photos) the bot uploaded with messages Telegram accepted, in order, bytes included. */
  readonly uploads: readonly UploadRecord[];
  /** Every poll the bot sent, by poll id, in its current state. */
  readonly polls: ReadonlyMap<string, Poll>;
  /** Commands set with `setMyCommands` for a language code ("" = none) and scope type ("default"). */
  commands(languageCode?: string, scopeType?: string): BotCommand[] | undefined;
  /** The URL set with `setWebhook`, "" when none. */
  readonly webhookUrl: string;
  /** Stops the server; held long polls answer `[]` at once and every connection is closed. */
  close(): Promise<void>;
}

/** Starts a fake Bot API on 127.0.0.1 at a free port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? FAKE_TOKEN;
  const now = options.now ?? Date.now;
  const botUser: User = {
    id: 123456,
    is_bot: true,
    first_name: "memquiz",
    username: "memquiz_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  } as User;
  const state = new FakeState(botUser, now);
  const updates = new UpdateQueue();
  const faults = new FaultPlan();
  const limiter = options.rateLimits ? new RateLimiter(options.rateLimits, now) : undefined;
  const calls: ApiCall[] = [];
  const server = await startApiServer({ token, methods: createMethodTable(), state, updates, faults, limiter, calls });

  return {
    apiRoot: server.apiRoot,
    token,
    botUser,
    calls,
    callsOf: (method) => calls.filter((c) => c.method.toLowerCase() === method.toLowerCase()),
    pushUpdate(input) {
      const update = updates.push(input);
      state.recordUpdate(update);
      return update.update_id;
    },
    message: (chat, from, text) => buildMessage(state, chat, from, text),
    callbackQuery: (chat, from, data, messageId) => buildCallbackQuery(state, chat, from, data, messageId),
    pollAnswer: (pollId, from, optionIds) => buildPollAnswer(state, pollId, from, optionIds),
    privateChat: (of) => state.knowChat(privateChat(of)),
    groupChat: (id, title) => state.knowChat(groupChat(id, title)),
    user: (id, firstName, opts) => state.knowUser(user(id, firstName, opts)),
    setChatMember: (chatId, userId, status) => state.setMemberStatus(chatId, userId, status),
    blockChat: (chatId) => void state.blocked.add(chatId),
    failNext: (method, fault) => faults.add(method, fault),
    get rejected429() {
      return limiter?.rejected ?? 0;
    },
    messages: (chatId) => state.messagesOf(chatId),
    uploads: state.uploads,
    get polls() {
      return new Map([...state.polls].map(([id, record]) => [id, record.poll]));
    },
    commands: (languageCode = "", scopeType = "default") => state.commands.get(commandKey(scopeType, languageCode))?.commands,
    get webhookUrl() {
      return state.webhookUrl;
    },
    close: () => server.close(),
  };
}
