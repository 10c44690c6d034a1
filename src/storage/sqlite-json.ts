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
