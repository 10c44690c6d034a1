import type { Period } from "../ports.ts";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether a string names an IANA time zone this runtime knows, like `Europe/Berlin`. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (year, month 1-12, day) of an instant in a time zone. */
export function localDate(at: number, timeZone: string): { year: number; month: number; day: number } {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

/** The ISO week (`2026-W48`) that contains a calendar date. */
export function isoWeekKey(year: number, month: number, day: number): string {
  // Work on the UTC calendar: it has no DST, so day arithmetic is exact.
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week
  const weekYear = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${weekYear}-W${String(week).padStart(2, "0")}`;
}

/** The key of the period that contains an instant, in a time zone: `2026-W48`, `2026-11` or `all`. */
export function periodKey(period: Period, at: number, timeZone: string): string {
  if (period === "all") return "all";
  const { year, month, day } = localDate(at, timeZone);
  if (period === "month") return `${year}-${String(month).padStart(2, "0")}`;
  return isoWeekKey(year, month, day);
}
