import { messageOf, StorageError } from "./sqlite-error.ts";

/**
 * JSON columns (chat settings, session state, outbox payloads): what goes in
 * and out of the TEXT columns that the schema checks with `json_valid`.
 */

/** Serialises a value for a JSON column; `undefined` is stored as `null` so the NOT NULL column accepts it. */
export function toJson(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

/** Parses a JSON column; the schema's `json_valid` checks make a parse error a sign of a corrupted file. */
export function fromJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new StorageError("CORRUPT_DATA", `can't read ${what}: its JSON does not parse (${messageOf(error)})`, { cause: error });
  }
}

/**
 * What `fromJson(json)` returns, where `json` is `toJson(value)`, without
 * parsing it again when that is already known: for a plain object whose
 * values are all strings, booleans, null or finite numbers other than −0,
 * the JSON round trip is a shallow copy. Anything else (nested values,
 * dates, undefined, NaN, −0, a `toJSON` method, a `__proto__` key, another
 * prototype) is parsed from `json`, so the result is always exactly what a
 * later read would give.
 */
export function jsonCopy<T>(value: unknown, json: string, what: string): T {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return fromJson<T>(json, what);
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key) || key === "__proto__") return fromJson<T>(json, what);
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "number") {
      if (!Number.isFinite(v) || Object.is(v, -0)) return fromJson<T>(json, what);
    } else if (typeof v !== "string" && typeof v !== "boolean" && v !== null) {
      return fromJson<T>(json, what);
    }
    copy[key] = v;
  }
  return copy as T;
}
