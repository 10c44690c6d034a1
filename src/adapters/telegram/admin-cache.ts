import type { Clock } from "../../core/ports.ts";

/** How long a chat-member status stays cached. */
export const ADMIN_CACHE_MS = 60_000;

/**
 * Remembers who is a chat admin for about a minute, so `/settings` and
 * `/stop` don't call getChatMember every time.
 */
export function createAdminCache(clock: Clock, fetchStatus: (chatId: number, userId: number) => Promise<string>) {
  const cache = new Map<string, { admin: boolean; until: number }>();
  return {
    /** Whether the user is the chat's creator or an administrator. */
    async isAdmin(chatId: number, userId: number): Promise<boolean> {
      const key = `${chatId}:${userId}`;
      const now = clock.now();
      const hit = cache.get(key);
      if (hit && hit.until > now) return hit.admin;
      const status = await fetchStatus(chatId, userId);
      const admin = status === "creator" || status === "administrator";
      cache.set(key, { admin, until: now + ADMIN_CACHE_MS });
      if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
      return admin;
    },
  };
}
