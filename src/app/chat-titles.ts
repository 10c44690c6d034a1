import type { RefStore } from "../core/ports.ts";

/** Titles longer than this are cut; a card shortens them further to fit. */
const MAX_TITLE = 128;

/** Where a chat's title is kept: a platform-given value like the poll ids, so it lives with the refs. */
export function chatTitleKey(chatId: string): string {
  return `chat-title:${chatId}`;
}

/**
 * Remembers the title the platform shows for a group chat, so that cards
 * made without a request (a season's results) can name the chat. Writes only
 * when the title changed.
 */
export function rememberChatTitle(store: RefStore, chatId: string, title: string | undefined, at: number): void {
  const clean = title?.replace(/\s+/g, " ").trim().slice(0, MAX_TITLE);
  if (!clean) return;
  const key = chatTitleKey(chatId);
  if (store.getRef<string>(key) !== clean) store.putRef(key, clean, at);
}

/** The chat's last known title, if the platform ever showed one. */
export function chatTitleOf(store: RefStore, chatId: string): string | undefined {
  const title = store.getRef<unknown>(chatTitleKey(chatId));
  return typeof title === "string" ? title : undefined;
}
