import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { generateBank } from "../../../bench/bank-load.ts";
import { quickQuestion } from "../../../src/core/bank/quick-question.ts";
import { questionSchema } from "../../../src/core/bank/schema.ts";
import { createSeededRng } from "../../../src/core/rng.ts";

const x = (n: number) => "x".repeat(n);
const ABSENT = Symbol("absent");
const nullProto = (fields: Record<string, unknown>) => Object.assign(Object.create(null) as object, fields);
const withProtoKey = (fields: Record<string, unknown>) => Object.assign(JSON.parse('{"__proto__": "p"}') as object, fields);

/** Localized texts around a limit: valid, reordered, missing, extra, empty, too long, not strings, not plain. */
const localized = (max: number): unknown[] => [
  { en: "E", ru: "Е" },
  { ru: "Е", en: "E" },
  { en: x(max), ru: "Е" },
  { en: x(max + 1), ru: "Е" },
  { en: "E" },
  { en: "E", ru: "Е", de: "D" },
  { en: " \n\t", ru: "Е" },
  { en: "\u00a0\u2028", ru: "Е" },
  { en: 5, ru: "Е" },
  { en: null, ru: "Е" },
  nullProto({ en: "E", ru: "Е" }),
  withProtoKey({ en: "E", ru: "Е" }),
  "E",
  ["E", "Е"],
  null,
];

/** Values to try per field; the first is valid. ABSENT leaves the field out. */
const POOLS: Record<string, unknown[]> = {
  id: ["t/q", "", 5, null, ["t/q"], ABSENT],
  level: [1, 2, 3, 0, 4, "1", 1.5, null, ABSENT],
  python: [ABSENT, ">=3.4", "", 3.4, null],
  prompt: [...localized(300), ABSENT],
  code: [ABSENT, "print(1)", "", 5, null],
  options: [
    ["a", "b"],
    ["a"],
    Array.from({ length: 8 }, (_, i) => `o${i}`),
    Array.from({ length: 9 }, (_, i) => `o${i}`),
    ["a", x(80)],
    ["a", x(81)],
    ["a", x(101)],
    ["a", " "],
    ["a", "A "],
    ["a", 5],
    ["a", null],
    ["a", ["b"]],
    ...localized(80).map((option) => ["a", option]),
    ...localized(100).map((option) => [option, "a"]),
    "a, b",
    null,
    ABSENT,
  ],
  answer: [0, 1, -0, 7, -1, 1.5, 2 ** 53 - 1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, "0", null, ABSENT],
  explain: [...localized(200), ABSENT],
  more: [ABSENT, ...localized(3000)],
  source: ["https://docs.python.org/3/", "http://peps.python.org/pep-0442/", "HTTPS://X.ORG", "ftp://x.org", "docs.python.org", "https://1.2.3.256/", "https://x y", " https://x.org", "", 5, null, ABSENT],
  stdout: [ABSENT, "1\n", "", 1, null],
  mor: [ABSENT, 1],
};

/** A random question: each field valid most of the time, otherwise any value from its pool. */
function randomQuestion(rng: { next(): number }): unknown {
  const out: Record<string, unknown> = {};
  const fields = Object.entries(POOLS);
  // Fields in a random order, as a file may list them.
  for (let i = fields.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [fields[i], fields[j]] = [fields[j]!, fields[i]!];
  }
  for (const [key, pool] of fields) {
    const value = rng.next() < 0.8 ? pool[0] : pool[Math.floor(rng.next() * pool.length)];
    if (value !== ABSENT) out[key] = value;
  }
  return out;
}

describe("the fast path past the question schema", () => {
  it("accepts only what the schema accepts, and returns what the schema returns", () => {
    const rng = createSeededRng(7);
    let quick = 0;
    let valid = 0;
    for (let i = 0; i < 10_000; i++) {
      const raw = randomQuestion(rng);
      const fast = quickQuestion(raw);
      const schema = questionSchema.safeParse(raw);
      if (schema.success) valid++;
      if (fast === undefined) continue;
      quick++;
      expect(schema.success, JSON.stringify(raw)).toBe(true);
      expect(fast).toStrictEqual(schema.data);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data)); // the same key order
      fast.options.forEach((option, index) => expect(option).toBe(schema.data?.options[index]));
    }
    expect(quick).toBeGreaterThan(500);
    expect(valid - quick).toBeLessThan(valid / 2); // most valid questions take the fast path
  });

  it("turns away whatever is not a plain mapping", () => {
    const base = { id: "t/q", level: 1, prompt: { en: "P", ru: "П" }, options: ["a", "b"], answer: 0, explain: { en: "E", ru: "Е" }, source: "https://docs.python.org/3/" };
    expect(quickQuestion(base)).toBeDefined();
    for (const raw of [null, undefined, "q", 5, [base], nullProto(base), withProtoKey(base), { ...base, python: undefined }]) {
      expect(quickQuestion(raw)).toBeUndefined();
    }
  });

  it("takes every question of the generated benchmark bank", () => {
    const questions = generateBank(90).flatMap((file) => (parseDocument(file.text).toJS() as { questions: unknown[] }).questions);
    expect(questions).toHaveLength(90);
    for (const raw of questions) expect(quickQuestion(raw)).toStrictEqual(questionSchema.parse(raw));
  });
});
