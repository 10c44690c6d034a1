import { hasText, LIMITS, sourceUrl, type QuestionInput } from "./schema.ts";
import { LANGS, type Lang } from "./types.ts";

/*
 * A fast path past `questionSchema` for the common case, a question that is
 * plainly valid. It accepts only what the schema accepts and returns what the
 * schema would return (the same fields in the same order, new objects where
 * zod makes new objects, the option values themselves). Anything else, even
 * a valid question it is unsure of, gets `undefined`, and the caller runs the
 * schema, which then words the errors. test/core/bank/quick-question.test.ts
 * holds the two to agreement.
 */

type Limit = (typeof LIMITS)[keyof typeof LIMITS];
/** A mapping's keys and values. */
type Fields = Record<string, unknown>;

/** A plain object as YAML's `toJS` makes for a mapping. */
function isPlainObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isLimitedText(value: unknown, max: number): value is string {
  return typeof value === "string" && hasText(value) && value.length <= max;
}

/** `{ en, ru }` with exactly those keys, each text within `max`; a new object in language order, or undefined. */
function quickLocalized(value: unknown, max: number): Record<Lang, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  let count = 0;
  for (const key in value) {
    if (!(LANGS as readonly string[]).includes(key) || !isLimitedText(value[key], max)) return undefined;
    count++;
  }
  if (count !== LANGS.length) return undefined;
  const out = {} as Record<Lang, string>;
  for (const lang of LANGS) out[lang] = value[lang] as string;
  return out;
}

/** An option that passes both the poll and the button limit. */
function isQuickOption(value: unknown): boolean {
  const max = Math.min(LIMITS.option.max, LIMITS.buttonLabel.max);
  return typeof value === "string" ? isLimitedText(value, max) : quickLocalized(value, max) !== undefined;
}

function quickOptions(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value) || value.length < 2 || value.length > 8) return undefined;
  for (const option of value) if (!isQuickOption(option)) return undefined;
  return value.slice();
}

const isString = (value: unknown): value is string => typeof value === "string";

/** The source URL as the schema returns it (zod trims it), through the very same schema. */
function quickSource(value: unknown): string | undefined {
  if (!isString(value)) return undefined;
  const result = sourceUrl.safeParse(value);
  return result.success ? result.data : undefined;
}

const localizedWithin = (limit: Limit) => (value: unknown) => quickLocalized(value, limit.max);

/** How each field is checked and built, in the schema's order; `optional` fields may be absent. */
const FIELDS: readonly { key: keyof QuestionInput; optional: boolean; quick: (value: unknown) => unknown }[] = [
  { key: "id", optional: false, quick: (v) => (isString(v) ? v : undefined) },
  { key: "level", optional: false, quick: (v) => (v === 1 || v === 2 || v === 3 ? v : undefined) },
  { key: "python", optional: true, quick: (v) => (isString(v) ? v : undefined) },
  { key: "prompt", optional: false, quick: localizedWithin(LIMITS.prompt) },
  { key: "code", optional: true, quick: (v) => (isString(v) ? v : undefined) },
  { key: "options", optional: false, quick: quickOptions },
  { key: "answer", optional: false, quick: (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? v : undefined) },
  { key: "explain", optional: false, quick: localizedWithin(LIMITS.explain) },
  { key: "more", optional: true, quick: localizedWithin(LIMITS.more) },
  { key: "source", optional: false, quick: quickSource },
  { key: "stdout", optional: true, quick: (v) => (isString(v) ? v : undefined) },
];
const KNOWN = new Set<string>(FIELDS.map((field) => field.key));

/**
 * The question as `questionSchema.safeParse` would return it when `raw` is
 * plainly valid; undefined when the schema must decide (and word the errors).
 */
export function quickQuestion(raw: unknown): QuestionInput | undefined {
  if (!isPlainObject(raw)) return undefined;
  for (const key in raw) if (!KNOWN.has(key)) return undefined;
  const out: Fields = {};
  for (const { key, optional, quick } of FIELDS) {
    const value = raw[key];
    if (value === undefined) {
      if (optional && !(key in raw)) continue;
      return undefined;
    }
    const checked = quick(value);
    if (checked === undefined) return undefined;
    out[key] = checked;
  }
  return out as QuestionInput;
}
