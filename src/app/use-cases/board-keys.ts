import type { BoardKey, ChatRecord, Period } from "../../core/ports.ts";
import { periodKey } from "../../core/time/periods.ts";

/** The scope name of the global leaderboards, which use UTC. */
export const GLOBAL_SCOPE = "global";

const PERIODS: readonly Period[] = ["week", "month", "all"];

const HOUR_MS = 3_600_000;

/**
 * How many hour keys are kept before the memo starts over: a few hours of
 * every zone in use, small enough that a long run doesn't grow the heap.
 */
const MEMO_LIMIT = 512;

/** A period's key for a whole UTC hour by zone, period and hour; null when a period starts inside that hour. */
const hourKeys = new Map<string, string | null>();

/**
 * The key of `period` that holds for the whole UTC hour `hour` in `zone`, or
 * undefined when a period starts inside that hour. A zone's local date never
 * runs backwards, so when the hour's first and last milliseconds fall in the
 * same period, so does every instant between them.
 */
function keyForHour(period: Period, hour: number, zone: string): string | undefined {
  const id = `${zone}|${period}|${hour}`;
  let key = hourKeys.get(id);
  if (key === undefined) {
    const first = periodKey(period, hour * HOUR_MS, zone);
    key = first === periodKey(period, hour * HOUR_MS + HOUR_MS - 1, zone) ? first : null;
    if (hourKeys.size >= MEMO_LIMIT) hourKeys.clear();
    hourKeys.set(id, key);
  }
  return key ?? undefined;
}

/** `periodKey`, computed once per zone, period and hour except in the hour where a period starts. */
function cachedPeriodKey(period: Period, at: number, zone: string): string {
  return keyForHour(period, Math.floor(at / HOUR_MS), zone) ?? periodKey(period, at, zone);
}

/** The board one period of a chat (in its time zone) or of the global scope (UTC) at an instant. */
export function boardKey(chat: ChatRecord | null, period: Period, at: number): BoardKey {
  return chat
    ? { scope: chat.id, period, key: cachedPeriodKey(period, at, chat.timezone) }
    : { scope: GLOBAL_SCOPE, period, key: cachedPeriodKey(period, at, "UTC") };
}

/** The last award's boards: a round close files all its awards in one chat within a few minutes. */
let lastBoards: { readonly chatId: string; readonly zone: string; readonly hour: number; readonly boards: readonly BoardKey[] } | undefined;

/** Every board an award counts on: the chat's and the global week, month and all time. Shared and frozen. */
export function boardsForAward(chat: ChatRecord, at: number): readonly BoardKey[] {
  const hour = Math.floor(at / HOUR_MS);
  const last = lastBoards;
  if (last && last.chatId === chat.id && last.zone === chat.timezone && last.hour === hour) return last.boards;
  const boards = Object.freeze(PERIODS.flatMap((period) => [Object.freeze(boardKey(chat, period, at)), Object.freeze(boardKey(null, period, at))]));
  // Kept for the rest of the hour only when none of its periods starts inside it.
  const wholeHour = PERIODS.every((period) => keyForHour(period, hour, chat.timezone) !== undefined && keyForHour(period, hour, "UTC") !== undefined);
  lastBoards = wholeHour ? { chatId: chat.id, zone: chat.timezone, hour, boards } : undefined;
  return boards;
}
