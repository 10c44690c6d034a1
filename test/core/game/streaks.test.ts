import { describe, expect, it } from "vitest";
import { computeStreak, streakBonus } from "../../../src/core/game/streaks.ts";

describe("daily streaks", () => {
  it("counts consecutive days, and doesn't count today as missed while it is open", () => {
    expect(computeStreak(["2026-11-23", "2026-11-24", "2026-11-25"], "2026-11-25")).toMatchObject({ current: 3, best: 3 });
    expect(computeStreak(["2026-11-23", "2026-11-24"], "2026-11-25")).toMatchObject({ current: 2, best: 2 });
    expect(computeStreak([], "2026-11-25")).toEqual({ current: 0, best: 0, frozen: [] });
  });

  it("uses one freeze for a missed day, then breaks on a second miss in the same week", () => {
    // Mon 23, (Tue 24 missed), Wed 25, Thu 26: the freeze covers Tuesday.
    const once = computeStreak(["2026-11-23", "2026-11-25", "2026-11-26"], "2026-11-26");
    expect(once).toEqual({ current: 3, best: 3, frozen: ["2026-11-24"] });
    // Friday 27 missed as well, in the same week: the streak is gone by Saturday.
    const twice = computeStreak(["2026-11-23", "2026-11-25", "2026-11-26"], "2026-11-28");
    expect(twice).toMatchObject({ current: 0, best: 3 });
  });

  it("forgives one miss in each calendar week, across a week boundary", () => {
    // Sun 29 (week 48) and Mon 30 (week 49) both missed: one freeze each.
    const streak = computeStreak(["2026-11-27", "2026-11-28", "2026-12-01"], "2026-12-01");
    expect(streak).toEqual({ current: 3, best: 3, frozen: ["2026-11-29", "2026-11-30"] });
  });

  it("keeps the best streak after a break", () => {
    const days = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-20"];
    expect(computeStreak(days, "2026-11-20")).toMatchObject({ current: 1, best: 4 });
  });

  it("adds +1 a day up to +10", () => {
    expect([0, 1, 5, 10, 400].map(streakBonus)).toEqual([0, 1, 5, 10, 10]);
  });
});
