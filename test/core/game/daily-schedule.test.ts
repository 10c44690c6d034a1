import { describe, expect, it } from "vitest";
import { dailyInstant, duePost, MAX_DAILY_LATENESS_MS, nextPostAt } from "../../../src/core/game/daily.ts";
import { localDateKey, parseClockTime, zonedInstant } from "../../../src/core/time/zoned.ts";

const iso = (t: number) => new Date(t).toISOString();

describe("zoned wall-clock times", () => {
  it("moves a time that doesn't exist (spring forward) past the gap, so it happens exactly once", () => {
    // Berlin skips 02:00-03:00 on 2026-03-29: 02:30 becomes 03:30 CEST.
    expect(iso(zonedInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(zonedInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/Los_Angeles"))).toBe("2026-03-08T10:30:00.000Z");
  });

  it("takes the first of a time that happens twice (fall back)", () => {
    expect(iso(zonedInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
  });

  it("parses HH:MM and nothing else", () => {
    expect(parseClockTime("09:05")).toEqual({ hour: 9, minute: 5 });
    expect(parseClockTime("9:05")).toEqual({ hour: 9, minute: 5 });
    for (const bad of ["24:00", "12:60", "noon", "12", "12:5", ""]) expect(parseClockTime(bad), bad).toBeUndefined();
  });
});

describe("the daily schedule", () => {
  const schedule = { enabled: true, time: "02:30", revealHours: 12 };

  it("is due once on the spring-forward day in Berlin, and not again that day", () => {
    const at = dailyInstant("2026-03-29", "02:30", "Europe/Berlin");
    expect(duePost(schedule, "Europe/Berlin", at - 1, "2026-03-28")).toBeUndefined();
    expect(duePost(schedule, "Europe/Berlin", at, "2026-03-28")).toEqual({ date: "2026-03-29", at });
    expect(duePost(schedule, "Europe/Berlin", at + 3_600_000, "2026-03-29")).toBeUndefined();
    expect(nextPostAt(schedule, "Europe/Berlin", at + 1, "2026-03-29")).toBe(dailyInstant("2026-03-30", "02:30", "Europe/Berlin"));
  });

  it("keeps each chat's local day in three zones", () => {
    const now = Date.UTC(2026, 10, 25, 23, 0); // Berlin 00:00 on the 26th, Tokyo 08:00 on the 26th, LA 15:00 on the 25th
    expect(localDateKey(now, "Europe/Berlin")).toBe("2026-11-26");
    expect(localDateKey(now, "Asia/Tokyo")).toBe("2026-11-26");
    expect(localDateKey(now, "America/Los_Angeles")).toBe("2026-11-25");
    const nine = { enabled: true, time: "09:00", revealHours: 12 };
    expect(duePost(nine, "America/Los_Angeles", now, "2026-11-24")?.date).toBe("2026-11-25");
    expect(duePost(nine, "Asia/Tokyo", now, "2026-11-25")).toBeUndefined();
  });

  it("still offers a post that fell due while the bot was down; the caller skips it past the lateness limit", () => {
    const nine = { enabled: true, time: "09:00", revealHours: 12 };
    const at = dailyInstant("2026-11-25", "09:00", "UTC");
    expect(duePost(nine, "UTC", at + 30 * 60_000, "2026-11-24")).toEqual({ date: "2026-11-25", at });
    expect(duePost(nine, "UTC", at + 5 * 3_600_000, "2026-11-24")).toEqual({ date: "2026-11-25", at });
    expect(5 * 3_600_000 > MAX_DAILY_LATENESS_MS).toBe(true);
    expect(duePost({ ...nine, enabled: false }, "UTC", at, null)).toBeUndefined();
  });
});
