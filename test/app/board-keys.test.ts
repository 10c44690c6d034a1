import { describe, expect, it } from "vitest";
import { boardsForAward, GLOBAL_SCOPE } from "../../src/app/use-cases/board-keys.ts";
import { DEFAULT_SETTINGS, type ChatRecord, type Period } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { periodKey } from "../../src/core/time/periods.ts";

function chat(id: string, timezone: string): ChatRecord {
  return { id, kind: "group", lang: null, timezone, settings: DEFAULT_SETTINGS };
}

const PERIODS: readonly Period[] = ["week", "month", "all"];

/** The six boards computed from scratch, in the order boardsForAward gives them. */
function expected(c: ChatRecord, at: number) {
  return PERIODS.flatMap((period) => [
    { scope: c.id, period, key: periodKey(period, at, c.timezone) },
    { scope: GLOBAL_SCOPE, period, key: periodKey(period, at, "UTC") },
  ]);
}

describe("boardsForAward", () => {
  it("gives the same boards as computing every key, around week and month starts and DST changes", () => {
    const rng = createSeededRng(7);
    const zones = ["UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "America/Santiago", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham"];
    const windows = [
      // Sunday 29 Nov to Thursday 3 Dec 2026: a week start and a month start in every zone.
      [Date.UTC(2026, 10, 29), Date.UTC(2026, 11, 3)],
      // 24 Oct to 2 Nov 2026: Europe and North America leave summer time; October ends.
      [Date.UTC(2026, 9, 24), Date.UTC(2026, 10, 2)],
      // 3 to 7 April 2026: Chile leaves summer time at local midnight.
      [Date.UTC(2026, 3, 3), Date.UTC(2026, 3, 7)],
    ] as const;
    for (let i = 0; i < 6_000; i++) {
      const c = chat(`tg:-${i % 7}`, zones[i % zones.length]!);
      const [from, to] = windows[i % windows.length]!;
      const at = from + Math.floor(rng.next() * (to - from));
      expect(boardsForAward(c, at)).toEqual(expected(c, at));
    }
  });

  it("gets both sides right of a week that starts inside a UTC hour", () => {
    // Monday 30 Nov 2026 00:00 in Kolkata (UTC+5:30) is Sunday 18:30 UTC.
    const c = chat("tg:-5", "Asia/Kolkata");
    const before = Date.UTC(2026, 10, 29, 18, 29, 59, 999);
    const after = Date.UTC(2026, 10, 29, 18, 30);
    expect(boardsForAward(c, before)[0]).toEqual({ scope: "tg:-5", period: "week", key: "2026-W48" });
    expect(boardsForAward(c, after)[0]).toEqual({ scope: "tg:-5", period: "week", key: "2026-W49" });
    expect(boardsForAward(c, before)[0]?.key).toBe("2026-W48");
  });

  it("shares one frozen list between consecutive awards of a chat in the same hour", () => {
    const c = chat("tg:-1", "Europe/Moscow");
    const at = Date.UTC(2026, 10, 25, 12, 0, 5);
    const first = boardsForAward(c, at);
    expect(boardsForAward(c, at + 59 * 60_000)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
    // The same chat id under another zone (after /timezone) gets its own boards.
    expect(boardsForAward(chat("tg:-1", "UTC"), at)).not.toBe(first);
  });
});
