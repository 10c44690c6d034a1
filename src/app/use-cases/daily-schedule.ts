import { nextPostAfter } from "../../core/game/daily.ts";
import type { ChatRecord, Store } from "../../core/ports.ts";
import { localDateKey, wallTime } from "../../core/time/zoned.ts";

/**
 * Re-arms a chat's daily question after its schedule or time zone changed:
 * the first post time after `now` on a date not yet posted, or none when
 * the daily question is off. Call inside the transaction that saved the chat.
 */
export function scheduleDaily(store: Store, chat: ChatRecord, now: number): number | null {
  const last = store.lastDailyPost(chat.id)?.date ?? null;
  const next = nextPostAfter(chat.settings.daily, chat.timezone, now, last);
  store.setDailyNext(chat.id, next?.at ?? null);
  return next?.at ?? null;
}

/** An instant as the chat's local `HH:MM`. */
export function localClock(at: number, timeZone: string): string {
  const w = wallTime(at, timeZone);
  return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

/** An instant as the chat's local `YYYY-MM-DD HH:MM`. */
export function localStamp(at: number, timeZone: string): string {
  return `${localDateKey(at, timeZone)} ${localClock(at, timeZone)}`;
}
