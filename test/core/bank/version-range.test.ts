import { describe, expect, it } from "vitest";
import { parseVersion, parseVersionRange, versionInRange } from "../../../src/core/bank/index.ts";

function inRange(text: string, version: string): boolean {
  const range = parseVersionRange(text);
  if (!range.ok) throw new Error(range.message);
  return versionInRange(parseVersion(version) ?? [], range.range);
}

describe("version ranges", () => {
  it("treats >= and < as bounds padded with zeros", () => {
    expect(inRange(">=3.4", "3.4.0")).toBe(true);
    expect(inRange(">=3.4", "2.7.18")).toBe(false);
    expect(inRange(">=3.8,<3.12", "3.11.7")).toBe(true);
    expect(inRange(">=3.8,<3.12", "3.12.1")).toBe(false);
    expect(inRange(">=3.12.1", "3.12.0")).toBe(false);
  });

  it("treats ==, <= and > as prefixes, so <=3.12 includes 3.12.5", () => {
    expect(inRange("==3.12", "3.12.9")).toBe(true);
    expect(inRange("==3.12", "3.13.0")).toBe(false);
    expect(inRange("<=3.12", "3.12.5")).toBe(true);
    expect(inRange(">3.12", "3.12.5")).toBe(false);
    expect(inRange(">3.12", "3.13.0")).toBe(true);
    expect(inRange("!=3.13", "3.13.1")).toBe(false);
  });

  it("accepts no range as every version", () => {
    expect(versionInRange([2, 7, 18], undefined)).toBe(true);
  });

  it("rejects malformed ranges with a message naming the bad part", () => {
    for (const bad of ["3.4+", "", ">=", ">=3.4,", "~3.4", ">=three"]) {
      const result = parseVersionRange(bad);
      expect(result.ok, bad).toBe(false);
    }
    const result = parseVersionRange(">=3.4, py3");
    expect(result.ok ? "" : result.message).toContain('"py3"');
  });

  it("parses interpreter version strings", () => {
    expect(parseVersion("3.13.0")).toEqual([3, 13, 0]);
    expect(parseVersion("2.7")).toEqual([2, 7, 0]);
    expect(parseVersion("Python")).toBeUndefined();
  });
});
