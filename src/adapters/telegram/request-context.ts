import type { Context } from "grammy";
import type { Chat, User } from "grammy/types";
import type { Actor, ChatRef, RequestContext } from "../../app/context.ts";

/** The prefixed id of a Telegram user or chat: `tg:123`. */
export function tgId(id: number): string {
  return `tg:${id}`;
}

/** The Telegram chat id inside a prefixed id. */
export function telegramChatId(prefixed: string): number {
  return Number(prefixed.slice(3));
}

/** A Telegram user as the app sees them. */
export function actorOf(user: User): Actor {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ").trim() || user.username || String(user.id);
  return { id: tgId(user.id), name: name.slice(0, 64), langHint: user.language_code, isBot: user.is_bot };
}

/** A Telegram chat as the app sees it: private, or a group (groups, supergroups and channels). */
export function chatRefOf(chat: Pick<Chat, "id" | "type">): ChatRef {
  return { id: tgId(chat.id), kind: chat.type === "private" ? "private" : "group" };
}

/** Builds the app's request context from an update that has a sender and a chat. */
export function requestContext(
  ctx: Context,
  isAdmin: (chatId: number, userId: number) => Promise<boolean>,
): RequestContext | undefined {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat) return undefined;
  return {
    user: actorOf(from),
    chat: chatRefOf(chat),
    isAdmin: () => (chat.type === "private" ? true : isAdmin(chat.id, from.id)),
  };
}
