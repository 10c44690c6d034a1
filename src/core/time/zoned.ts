/** A calendar date and wall-clock time in some time zone. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of an instant in a time zone. */
export function wallTime(at: number, timeZone: string): WallTime & { second: number } {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +2 h). */
export function zoneOffset(at: number, timeZone: string): number {
  const w = wallTime(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

function sameWall(at: number, timeZone: string, w: WallTime): boolean {
  const x = wallTime(at, timeZone);
  return x.year === w.year && x.month === w.month && x.day === w.day && x.hour === w.hour && x.minute === w.minute;
}

/**
 * The instant a wall-clock time happens in a zone. When it happens twice
 * (clocks going back) the first one counts; when it never happens (clocks
 * going forward, like 02:30 in Berlin on the spring-forward day) the time is
 * moved forward by the gap, so it still happens exactly once that day.
 */
export function zonedInstant(w: WallTime, timeZone: string): number {
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const before = local - zoneOffset(local - 86_400_000, timeZone);
  const after = local - zoneOffset(local + 86_400_000, timeZone);
  const valid = [before, after].filter((t) => sameWall(t, timeZone, w));
  if (valid.length > 0) return Math.min(...valid);
  return before;
}

/** A calendar date as `YYYY-MM-DD`. */
export function dateKey(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDateKey(at: number, timeZone: string): string {
  const w = wallTime(at, timeZone);
  return dateKey(w.year, w.month, w.day);
}

/** Parses `YYYY-MM-DD`. */
export function parseDateKey(key: string): { year: number; month: number; day: number } {
  const [year = 0, month = 1, day = 1] = key.split("-").map(Number);
  return { year, month, day };
}

/** The date `days` after (or before) a date key. */
export function addDays(key: string, days: number): string {
  const { year, month, day } = parseDateKey(key);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Parses `HH:MM` (00:00–23:59); undefined otherwise. */
export function parseClockTime(text: string): { hour: number; minute: number } | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}
