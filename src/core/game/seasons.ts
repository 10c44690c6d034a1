import type { Period } from "../ports.ts";
import { periodKey } from "../time/periods.ts";
import { addDays, localDateKey, parseDateKey, zonedInstant } from "../time/zoned.ts";

/** The season lengths: weekly seasons start on Monday 00:00, monthly ones on the 1st, in the chat's zone. */
export type SeasonPeriod = Extract<Period, "week" | "month">;

/** Both season lengths, in the order their results are posted. */
export const SEASON_PERIODS: readonly SeasonPeriod[] = ["week", "month"];

/** How many rows a season's final standings keep. */
export const SEASON_TOP = 10;

/**
 * The key of the season just before the one that contains `at` in a zone:
 * the last complete week (`2026-W47`) or month (`2026-10`).
 */
export function previousSeasonKey(period: SeasonPeriod, at: number, timeZone: string): string {
  const today = localDateKey(at, timeZone);
  const { year, month, day } = parseDateKey(today);
  let lastDay: string;
  if (period === "month") {
    lastDay = addDays(`${year}-${String(month).padStart(2, "0")}-01`, -1);
  } else {
    const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // Monday = 0
    lastDay = addDays(today, -weekday - 1);
  }
  // Noon of that day is safely inside it in every zone.
  const noon = zonedInstant({ ...parseDateKey(lastDay), hour: 12, minute: 0 }, timeZone);
  return periodKey(period, noon, timeZone);
}
