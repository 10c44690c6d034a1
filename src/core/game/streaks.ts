import { isoWeekKey } from "../time/periods.ts";
import { addDays, parseDateKey } from "../time/zoned.ts";

/** The largest daily streak bonus. */
export const MAX_STREAK_BONUS = 10;

/** A user's daily-question streak in one chat. */
export interface Streak {
  /** Consecutive days up to today (or yesterday, while today is still open). */
  readonly current: number;
  readonly best: number;
  /** Local dates on which a missed day was forgiven by the weekly freeze. */
  readonly frozen: readonly string[];
}

function weekOf(day: string): string {
  const { year, month, day: d } = parseDateKey(day);
  return isoWeekKey(year, month, d);
}

/**
 * Computes a streak from the local dates on which the user answered the
 * chat's daily question. One missed day per calendar (ISO) week is forgiven
 * by a freeze that is used automatically; a second miss in the same week
 * breaks the streak. Today counts once answered, and is not a miss yet.
 */
export function computeStreak(answeredDays: readonly string[], today: string): Streak {
  const days = new Set(answeredDays);
  const sorted = [...days].filter((d) => d <= today).sort();
  const first = sorted[0];
  if (first === undefined) return { current: 0, best: 0, frozen: [] };
  const last = days.has(today) ? today : addDays(today, -1);
  let current = 0;
  let best = 0;
  let usedWeeks = new Set<string>();
  let frozen: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (days.has(day)) {
      current++;
      best = Math.max(best, current);
      continue;
    }
    const week = weekOf(day);
    if (current > 0 && !usedWeeks.has(week)) {
      usedWeeks.add(week);
      frozen.push(day);
      continue;
    }
    current = 0;
    usedWeeks = new Set();
    frozen = [];
  }
  return { current, best, frozen };
}

/** The bonus for a daily answer on day `streak` of a streak: +1 a day, at most +10. */
export function streakBonus(streak: number): number {
  return Math.max(0, Math.min(MAX_STREAK_BONUS, streak));
}
