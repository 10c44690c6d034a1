import type { Chat, MessageEntity, User } from "grammy/types";

/** Optional fields of a fake human user. */
export interface UserOptions {
  /** Public username, without the `@`. */
  username?: string;
  /** Last name as the user set it. */
  lastName?: string;
  /** IETF language tag of the user's client, e.g. "ru"; omitted when not given, as Telegram sometimes does. */
  languageCode?: string;
}

/** Builds a human Telegram user. */
export function user(id: number, firstName: string, opts: UserOptions = {}): User {
  return {
    id,
    is_bot: false,
    first_name: firstName,
    ...(opts.lastName === undefined ? {} : { last_name: opts.lastName }),
    ...(opts.username === undefined ? {} : { username: opts.username }),
    ...(opts.languageCode === undefined ? {} : { language_code: opts.languageCode }),
  };
}

/** Builds the private chat between the bot and a user; its id equals the user's id, as on Telegram. */
export function privateChat(of: User): Chat.PrivateChat {
  return {
    id: of.id,
    type: "private",
    first_name: of.first_name,
    ...(of.last_name === undefined ? {} : { last_name: of.last_name }),
    ...(of.username === undefined ? {} : { username: of.username }),
  };
}

/**
 * Builds a supergroup. Pass a negative id (Telegram's are -100…): the fake treats
 * chats it has not seen in an update as groups exactly when their id is negative.
 */
export function groupChat(id: number, title: string): Chat.SupergroupChat {
  return { id, type: "supergroup", title };
}

/**
 * The `bot_command` entity Telegram adds for a leading `/cmd` or `/cmd@bot`,
 * or none; offset and length are in UTF-16 code units.
 */
export function commandEntities(text: string): MessageEntity[] {
  const match = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?(?=\s|$)/.exec(text);
  return match ? [{ type: "bot_command", offset: 0, length: match[0].length }] : [];
}
