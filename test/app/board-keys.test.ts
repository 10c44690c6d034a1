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
  it("gives the same boards as computing every key, around week and month starts in several zones", () => {
    const rng = createSeededRng(7);
    const zones = ["UTC", "Europe/Moscow", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"];
    // Sunday 30 Nov 2026 to Tuesday 2 Dec 2026: a week start and a month start in every zone.
    const from = Date.UTC(2026, 10, 29, 0, 0, 0);
    const to = Date.UTC(2026, 11, 3, 0, 0, 0);
    for (let i = 0; i < 3_000; i++) {
      const c = chat(`tg:-${i % 7}`, zones[i % zones.length]!);
      const at = from + Math.floor(rng.next() * (to - from));
      expect(boardsForAward(c, at)).toEqual(expected(c, at));
    }
  });

  it("shares one frozen list between the awards of a chat in the same minute", () => {
    const c = chat("tg:-1", "Europe/Moscow");
    const at = Date.UTC(2026, 10, 25, 12, 0, 5);
    const first = boardsForAward(c, at);
    expect(boardsForAward(c, at + 50_000)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
    // The same chat id under another zone (after /timezone) gets its own boards.
    expect(boardsForAward(chat("tg:-1", "UTC"), at)).not.toBe(first);
  });
});
