import type { BoardKey, ChatRecord, Period } from "../../core/ports.ts";
import { periodKey } from "../../core/time/periods.ts";

/** The scope name of the global leaderboards, which use UTC. */
export const GLOBAL_SCOPE = "global";

const PERIODS: readonly Period[] = ["week", "month", "all"];

/** Period keys by zone, period and minute: a round close files dozens of awards in the same minutes. */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 4096;

/**
 * `periodKey`, remembered per minute: every zone's offset is a whole number
 * of minutes, so a week or month never starts inside one.
 */
function cachedPeriodKey(period: Period, at: number, zone: string): string {
  const id = `${zone}|${period}|${Math.floor(at / 60_000)}`;
  let key = keyCache.get(id);
  if (key === undefined) {
    key = periodKey(period, at, zone);
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

/** The board one period of a chat (in its time zone) or of the global scope (UTC) at an instant. */
export function boardKey(chat: ChatRecord | null, period: Period, at: number): BoardKey {
  return chat
    ? { scope: chat.id, period, key: cachedPeriodKey(period, at, chat.timezone) }
    : { scope: GLOBAL_SCOPE, period, key: cachedPeriodKey(period, at, "UTC") };
}

/** Every board an award counts on: the chat's and the global week, month and all time. */
export function boardsForAward(chat: ChatRecord, at: number): BoardKey[] {
  return PERIODS.flatMap((period) => [boardKey(chat, period, at), boardKey(null, period, at)]);
}
