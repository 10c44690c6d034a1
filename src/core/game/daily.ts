import { addDays, localDateKey, parseClockTime, parseDateKey, zonedInstant } from "../time/zoned.ts";

/** A post that fell due while the bot was down is still sent if it is at most this late. */
export const MAX_DAILY_LATENESS_MS = 2 * 60 * 60 * 1000;

/** The default reveal delay of a daily question. */
export const DEFAULT_REVEAL_HOURS = 12;

/** A chat's daily-question schedule. */
export interface DailySchedule {
  readonly enabled: boolean;
  /** Local posting time, `HH:MM`. */
  readonly time: string;
  readonly revealHours: number;
}

/** The defaults: off, at 09:00, revealed after 12 hours. */
export const DEFAULT_DAILY: DailySchedule = Object.freeze({ enabled: false, time: "09:00", revealHours: DEFAULT_REVEAL_HOURS });

/** The instant of the daily post on a local date, in the chat's zone (DST-safe: exactly once a day). */
export function dailyInstant(date: string, time: string, timeZone: string): number {
  const clock = parseClockTime(time) ?? { hour: 9, minute: 0 };
  return zonedInstant({ ...parseDateKey(date), ...clock }, timeZone);
}

/** The reveal delay bounds: the reveal comes before the next day's question. */
export const REVEAL_HOURS_BOUNDS = [1, 23] as const;

/**
 * The first post strictly after `after` on a date later than `lastDate`
 * (when given): its local date and instant. Used when scheduling, so that
 * switching the daily question on at 10:00 with a 09:00 time waits for
 * tomorrow instead of posting at once.
 */
export function nextPostAfter(schedule: DailySchedule, timeZone: string, after: number, lastDate: string | null): { date: string; at: number } | null {
  if (!schedule.enabled) return null;
  const today = localDateKey(after, timeZone);
  for (let offset = -1; offset <= 3; offset++) {
    const date = addDays(today, offset);
    if (lastDate !== null && lastDate >= date) continue;
    const at = dailyInstant(date, schedule.time, timeZone);
    if (at > after) return { date, at };
  }
  return null;
}
