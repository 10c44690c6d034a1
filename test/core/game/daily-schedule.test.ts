import { describe, expect, it } from "vitest";
import { dailyInstant, MAX_DAILY_LATENESS_MS, nextPostAfter } from "../../../src/core/game/daily.ts";
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

  it("has one post on the spring-forward day in Berlin (03:30, as 02:30 doesn't exist), then the next day's", () => {
    const at = dailyInstant("2026-03-29", "02:30", "Europe/Berlin");
    expect(iso(at)).toBe("2026-03-29T01:30:00.000Z");
    expect(nextPostAfter(schedule, "Europe/Berlin", at - 1, "2026-03-28")).toEqual({ date: "2026-03-29", at });
    expect(nextPostAfter(schedule, "Europe/Berlin", at, "2026-03-28")).toEqual({ date: "2026-03-30", at: dailyInstant("2026-03-30", "02:30", "Europe/Berlin") });
    expect(nextPostAfter(schedule, "Europe/Berlin", at - 1, "2026-03-29")?.date).toBe("2026-03-30");
  });

  it("has one post on the fall-back day, at the first 02:30", () => {
    const first = dailyInstant("2026-10-25", "02:30", "Europe/Berlin");
    expect(iso(first)).toBe("2026-10-25T00:30:00.000Z");
    expect(nextPostAfter(schedule, "Europe/Berlin", first, "2026-10-24")?.date).toBe("2026-10-26");
  });

  it("keeps each chat's local day in three zones", () => {
    const now = Date.UTC(2026, 10, 25, 23, 0); // Berlin 00:00 on the 26th, Tokyo 08:00 on the 26th, LA 15:00 on the 25th
    expect(localDateKey(now, "Europe/Berlin")).toBe("2026-11-26");
    expect(localDateKey(now, "Asia/Tokyo")).toBe("2026-11-26");
    expect(localDateKey(now, "America/Los_Angeles")).toBe("2026-11-25");
    const nine = { enabled: true, time: "09:00", revealHours: 12 };
    expect(nextPostAfter(nine, "America/Los_Angeles", now, null)?.date).toBe("2026-11-26");
    expect(nextPostAfter(nine, "Asia/Tokyo", now, null)?.date).toBe("2026-11-26");
    expect(nextPostAfter(nine, "Asia/Tokyo", now, "2026-11-26")?.date).toBe("2026-11-27");
  });

  it("finds a post still within the lateness limit when asked from that far back, and none when off", () => {
    const nine = { enabled: true, time: "09:00", revealHours: 12 };
    const at = dailyInstant("2026-11-25", "09:00", "UTC");
    expect(nextPostAfter(nine, "UTC", at + 30 * 60_000 - MAX_DAILY_LATENESS_MS, "2026-11-24")).toEqual({ date: "2026-11-25", at });
    expect(nextPostAfter(nine, "UTC", at + 5 * 3_600_000 - MAX_DAILY_LATENESS_MS, "2026-11-24")?.date).toBe("2026-11-26");
    expect(nextPostAfter({ ...nine, enabled: false }, "UTC", at, null)).toBeNull();
  });
});
