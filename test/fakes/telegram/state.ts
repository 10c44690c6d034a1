import type { BotCommand, BotCommandScope, Chat, Message, Poll, PollAnswer, Update, User } from "grammy/types";
import { badRequest } from "./api-error.ts";
import type { UploadedFile } from "./request-body.ts";

/** A member's status in a chat, as `getChatMember` reports it. */
export type MemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

/** A poll the bot sent, with where it lives and who voted for what. */
export interface PollRecord {
  /** The poll as Telegram would report it now. */
  poll: Poll;
  /** Chat that holds the poll message. */
  chatId: number;
  /** The poll message's id. */
  messageId: number;
  /** Current choice of each voter, by user id. */
  votes: Map<number, number[]>;
}

/** A file the bot uploaded with a message that Telegram accepted. */
export interface UploadRecord {
  /** The method it came with, e.g. "sendPhoto". */
  method: string;
  chatId: number;
  /** The message it became. */
  messageId: number;
  /** The file as uploaded, bytes included. */
  file: UploadedFile;
}

/** Commands registered with `setMyCommands` for one language code. */
export interface CommandSet {
  /** The commands in the order they were sent. */
  commands: BotCommand[];
  /** The scope they were registered for, if any. */
  scope?: BotCommandScope;
}

/**
 * Everything the fake Bot API remembers: chats, users, messages after edits,
 * polls and votes, chat members, commands, webhook and callback queries.
 *
 * Shared by the method handlers and the update helpers so that an update
 * and the bot's answer see the same message ids.
 */
export class FakeState {
  /** Chats seen in updates or built by the test, by id. */
  readonly chats = new Map<number, Chat>();
  /** Users seen in updates or built by the test, by id. */
  readonly users = new Map<number, User>();
  /** Polls the bot sent, by poll id. */
  readonly polls = new Map<string, PollRecord>();
  /** Statuses set with `setChatMember`, by chat id then user id. */
  readonly members = new Map<number, Map<number, MemberStatus>>();
  /** Command lists by scope type and language code (see `commandKey`). */
  readonly commands = new Map<string, CommandSet>();
  /** Callback queries pushed to the bot, by id, and whether they were answered. */
  readonly callbackQueries = new Map<string, { answered: boolean }>();
  /** Chats where sends fail with 403. */
  readonly blocked = new Set<number>();
  /** Files uploaded with accepted messages, in order. */
  readonly uploads: UploadRecord[] = [];
  /** The URL set with setWebhook; "" when none, which getUpdates requires. */
  webhookUrl = "";
  private readonly messagesByChat = new Map<number, Map<number, Message>>();
  private readonly lastMessageId = new Map<number, number>();
  private serial = 0;

  constructor(
    /** The bot itself, as `getMe` returns it. */
    readonly botUser: User,
    /** The fake's clock in milliseconds. */
    readonly now: () => number,
  ) {}

  /** Unix time in seconds, for `date` fields. */
  date(): number {
    return Math.floor(this.now() / 1000);
  }

  /** A number that is new on every call, for ids and file ids. */
  nextSerial(): number {
    this.serial += 1;
    return this.serial;
  }

  /** The chat for a `chat_id`; unseen positive ids are private chats, unseen negative ids supergroups. */
  chat(chatId: number): Chat {
    const known = this.chats.get(chatId);
    if (known) return known;
    const created: Chat =
      chatId > 0 ? { id: chatId, type: "private", first_name: `User ${chatId}` } : { id: chatId, type: "supergroup", title: `Group ${chatId}` };
    this.chats.set(chatId, created);
    return created;
  }

  /** Remembers a chat built by a test, so that answers carry its real title or name. */
  knowChat<C extends Chat>(chat: C): C {
    this.chats.set(chat.id, chat);
    return chat;
  }

  /** Remembers a user built by a test, for `getChatMember`. */
  knowUser(user: User): User {
    this.users.set(user.id, user);
    return user;
  }

  /** True for groups and supergroups, which have the stricter per-minute limit. */
  isGroup(chatId: number): boolean {
    const type = this.chats.get(chatId)?.type;
    return type === undefined ? chatId < 0 : type === "group" || type === "supergroup";
  }

  /** The next message id in a chat; ids grow per chat and are shared by users and the bot. */
  allocateMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  /** Stores (or replaces) a message under its chat and id. */
  storeMessage(message: Message): void {
    const chatId = message.chat.id;
    let byId = this.messagesByChat.get(chatId);
    if (!byId) this.messagesByChat.set(chatId, (byId = new Map()));
    byId.set(message.message_id, message);
    if (message.message_id > (this.lastMessageId.get(chatId) ?? 0)) this.lastMessageId.set(chatId, message.message_id);
  }

  /** A stored message, or undefined. */
  message(chatId: number, messageId: number): Message | undefined {
    return this.messagesByChat.get(chatId)?.get(messageId);
  }

  /** Removes a stored message; false when there was none. */
  deleteMessage(chatId: number, messageId: number): boolean {
    return this.messagesByChat.get(chatId)?.delete(messageId) ?? false;
  }

  /** The chat's current messages (from users and the bot, after edits), oldest first. */
  messagesOf(chatId: number): Message[] {
    return [...(this.messagesByChat.get(chatId)?.values() ?? [])].sort((a, b) => a.message_id - b.message_id);
  }

  /** A member's status; the bot is an administrator everywhere, anyone else a member unless set. */
  memberStatus(chatId: number, userId: number): MemberStatus {
    if (userId === this.botUser.id) return "administrator";
    return this.members.get(chatId)?.get(userId) ?? "member";
  }

  /** Sets a member's status for `getChatMember`. */
  setMemberStatus(chatId: number, userId: number, status: MemberStatus): void {
    let byUser = this.members.get(chatId);
    if (!byUser) this.members.set(chatId, (byUser = new Map()));
    byUser.set(userId, status);
  }

  /** A known user, or a plausible stand-in for an id never seen in an update. */
  userOf(userId: number): User {
    if (userId === this.botUser.id) return this.botUser;
    return this.users.get(userId) ?? { id: userId, is_bot: false, first_name: `User ${userId}` };
  }

  /** Learns chats, users, messages and votes from an update pushed by a test. */
  recordUpdate(update: Update): void {
    const message = update.message ?? update.edited_message ?? update.channel_post ?? update.edited_channel_post;
    if (message) {
      this.chats.set(message.chat.id, message.chat);
      if (message.from) this.users.set(message.from.id, message.from);
      this.storeMessage(message);
    }
    const query = update.callback_query;
    if (query) {
      this.users.set(query.from.id, query.from);
      if (!this.callbackQueries.has(query.id)) this.callbackQueries.set(query.id, { answered: false });
    }
    if (update.poll_answer) this.applyPollAnswer(update.poll_answer);
  }

  /** Finds the stored message that should be edited, or throws Telegram's 400s. */
  editableMessage(chatId: number, messageId: number): Message {
    const message = this.message(chatId, messageId);
    if (!message) throw badRequest("message to edit not found");
    if (message.from?.id !== this.botUser.id) throw badRequest("message can't be edited");
    return message;
  }

  private applyPollAnswer(answer: PollAnswer): void {
    const record = this.polls.get(answer.poll_id);
    if (!record || record.poll.is_closed) return;
    if (answer.user) {
      this.users.set(answer.user.id, answer.user);
      if (answer.option_ids.length === 0) record.votes.delete(answer.user.id);
      else record.votes.set(answer.user.id, [...answer.option_ids]);
    }
    const counts = record.poll.options.map(() => 0);
    for (const ids of record.votes.values()) for (const id of ids) if (id in counts) counts[id] = (counts[id] ?? 0) + 1;
    record.poll = {
      ...record.poll,
      options: record.poll.options.map((o, i) => ({ ...o, voter_count: counts[i] ?? 0 })),
      total_voter_count: record.votes.size,
    };
    const message = this.message(record.chatId, record.messageId);
    if (message) this.storeMessage({ ...message, poll: record.poll } as Message);
  }
}
