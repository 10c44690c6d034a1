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

/** The boards of a chat in one minute: a round close files all its awards within a few minutes. */
const awardBoards = new Map<string, readonly BoardKey[]>();

/** Every board an award counts on: the chat's and the global week, month and all time. Shared and frozen. */
export function boardsForAward(chat: ChatRecord, at: number): readonly BoardKey[] {
  const id = `${chat.id}|${chat.timezone}|${Math.floor(at / 60_000)}`;
  let boards = awardBoards.get(id);
  if (boards === undefined) {
    boards = Object.freeze(PERIODS.flatMap((period) => [Object.freeze(boardKey(chat, period, at)), Object.freeze(boardKey(null, period, at))]));
    if (awardBoards.size >= KEY_CACHE_LIMIT) awardBoards.clear();
    awardBoards.set(id, boards);
  }
  return boards;
}
