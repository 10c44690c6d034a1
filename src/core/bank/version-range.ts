import type { VersionComparator, VersionRange } from "./types.ts";

const COMPARATOR = /^(>=|<=|==|!=|>|<)\s*(\d+(?:\.\d+){0,2})$/;

/** The result of parsing a `python:` range: the range, or why it is invalid. */
export type VersionRangeResult =
  | { readonly ok: true; readonly range: VersionRange }
  | { readonly ok: false; readonly message: string };

/**
 * Parses a range such as `>=3.4` or `>=3.8, <3.12`: comma-separated
 * comparators that must all hold. `==3.12` matches every 3.12.x.
 */
export function parseVersionRange(text: string): VersionRangeResult {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === "")) {
    return { ok: false, message: `invalid version range "${text}": expected comparators like ">=3.4" or ">=3.8,<3.12"` };
  }
  const comparators: VersionComparator[] = [];
  for (const part of parts) {
    const match = COMPARATOR.exec(part);
    if (!match) {
      return {
        ok: false,
        message: `invalid version range "${text}": "${part}" is not one of >=, <=, >, <, ==, != followed by a version like 3.12`,
      };
    }
    comparators.push({
      op: match[1] as VersionComparator["op"],
      version: (match[2] ?? "").split(".").map(Number),
    });
  }
  return { ok: true, range: { text, comparators } };
}

/** Parses a dotted version such as `3.12.1`; undefined when it isn't one. */
export function parseVersion(text: string): number[] | undefined {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** Compares two versions over the first `length` parts (missing parts count as 0). */
function compare(a: readonly number[], b: readonly number[], length: number): number {
  for (let i = 0; i < length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Whether a concrete interpreter version (major.minor.micro) lies inside the range. */
export function versionInRange(version: readonly number[], range: VersionRange | undefined): boolean {
  if (!range) return true;
  return range.comparators.every(({ op, version: bound }) => {
    // `==3.12`, `<=3.12` and `>3.12` compare only the parts the bound spells
    // out, so `<=3.12` includes 3.12.5; `>=` and `<` pad the bound with zeros.
    const prefix = compare(version, bound, bound.length);
    const diff = op === "<=" || op === ">" ? prefix : compare(version, bound, 3);
    switch (op) {
      case "==":
        return prefix === 0;
      case "!=":
        return prefix !== 0;
      case ">=":
        return diff >= 0;
      case "<=":
        return diff <= 0;
      case ">":
        return diff > 0;
      case "<":
        return diff < 0;
    }
  });
}
