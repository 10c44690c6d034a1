import type { BoardKey, ChatRecord, Period } from "../../core/ports.ts";
import { periodKey } from "../../core/time/periods.ts";

/** The scope name of the global leaderboards, which use UTC. */
export const GLOBAL_SCOPE = "global";

const PERIODS: readonly Period[] = ["week", "month", "all"];

/** The board one period of a chat (in its time zone) or of the global scope (UTC) at an instant. */
export function boardKey(chat: ChatRecord | null, period: Period, at: number): BoardKey {
  return chat
    ? { scope: chat.id, period, key: periodKey(period, at, chat.timezone) }
    : { scope: GLOBAL_SCOPE, period, key: periodKey(period, at, "UTC") };
}

/** Every board an award counts on: the chat's and the global week, month and all time. */
export function boardsForAward(chat: ChatRecord, at: number): BoardKey[] {
  return PERIODS.flatMap((period) => [boardKey(chat, period, at), boardKey(null, period, at)]);
}
