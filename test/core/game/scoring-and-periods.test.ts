import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/core/game/commands.ts";
import { roundPoints } from "../../../src/core/game/scoring.ts";
import { competitionRanks } from "../../../src/core/render/round.ts";
import { createSeededRng, shuffled } from "../../../src/core/rng.ts";
import { isoWeekKey, isValidTimeZone, periodKey } from "../../../src/core/time/periods.ts";

describe("round points", () => {
  it("gives 10 × level plus up to half again for speed, falling linearly to the close", () => {
    expect(roundPoints(2, true, 0, 30_000)).toBe(30);
    expect(roundPoints(2, true, 15_000, 30_000)).toBe(25);
    expect(roundPoints(2, true, 30_000, 30_000)).toBe(20);
    expect(roundPoints(3, true, 40_000, 30_000)).toBe(30);
    expect(roundPoints(1, false, 0, 30_000)).toBe(0);
  });
});

describe("competition ranks", () => {
  it("lets ties share a rank and skips the places they take", () => {
    expect(competitionRanks([100, 100, 80, 80, 80, 10])).toEqual([1, 1, 3, 3, 3, 6]);
    expect(competitionRanks([])).toEqual([]);
  });
});

describe("periods", () => {
  it("computes ISO weeks across year ends", () => {
    expect(isoWeekKey(2026, 1, 1)).toBe("2026-W01");
    expect(isoWeekKey(2026, 12, 31)).toBe("2026-W53");
    expect(isoWeekKey(2027, 1, 3)).toBe("2026-W53");
    expect(isoWeekKey(2027, 1, 4)).toBe("2027-W01");
    expect(isoWeekKey(2025, 12, 29)).toBe("2026-W01");
  });

  it("puts a Sunday-night UTC instant in different weeks in Berlin and Los Angeles", () => {
    const at = Date.UTC(2026, 10, 29, 23, 30); // Sunday 23:30 UTC = Monday 00:30 in Berlin
    expect(periodKey("week", at, "Europe/Berlin")).toBe("2026-W49");
    expect(periodKey("week", at, "America/Los_Angeles")).toBe("2026-W48");
    expect(periodKey("week", at, "UTC")).toBe("2026-W48");
    expect(periodKey("month", Date.UTC(2026, 10, 30, 23, 30), "Europe/Berlin")).toBe("2026-12");
    expect(periodKey("all", at, "UTC")).toBe("all");
  });

  it("knows IANA zones and rejects made-up ones", () => {
    expect(isValidTimeZone("Asia/Tokyo")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("commands", () => {
  it("parses names, bot suffixes, arguments and free text", () => {
    expect(parseCommand("/quiz@memquiz_bot 3 weakref")).toEqual({ name: "quiz", args: ["3", "weakref"], rest: "3 weakref", target: "memquiz_bot" });
    expect(parseCommand("/report  the answer is wrong ")?.rest).toBe("the answer is wrong");
    expect(parseCommand("hello")).toBeUndefined();
    expect(parseCommand("/")).toBeUndefined();
  });
});

describe("seeded randomness", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = createSeededRng(7);
    const b = createSeededRng(7);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(shuffled([1, 2, 3, 4, 5], createSeededRng(1))).toEqual(shuffled([1, 2, 3, 4, 5], createSeededRng(1)));
  });
});
