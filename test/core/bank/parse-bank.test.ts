import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue, parseBank } from "../../../src/core/bank/index.ts";
import { readBankFiles } from "../../../src/storage/question-files.ts";

const FIXTURES = "test/fixtures/bank";

function errorsOf(dir: string): string[] {
  const result = parseBank(readBankFiles(`${FIXTURES}/${dir}`));
  return result.ok ? [] : result.errors.map(formatIssue);
}

// Each broken fixture breaks exactly one rule of the good cyclic-gc.yaml; the
// lines are pinned so a change to the wording or the positions is deliberate.
const BROKEN: Record<string, string[]> = {
  "answer-out-of-range": ["14:13 cyclic-gc/two-list-cycle answer: 4 is out of range: there are 4 options, so it must be 0 to 3"],
  "bad-python-range": ['6:13 cyclic-gc/two-list-cycle python: invalid version range "3.4+": "3.4+" is not one of >=, <=, >, <, ==, != followed by a version like 3.12'],
  "bad-source": ["36:13 cyclic-gc/disable-scope source: must be an http(s) URL"],
  "code-without-stdout": ["4:5 cyclic-gc/two-list-cycle stdout: is required when code is given: the exact expected output, checked by memquiz verify"],
  "duplicate-id": ["20:5 cyclic-gc/two-list-cycle id: duplicates the id at test/fixtures/bank/broken/duplicate-id/cyclic-gc.yaml:4; ids are unique across all files"],
  "duplicate-option": ["13:30 cyclic-gc/two-list-cycle options[3]: duplicates option 0"],
  "explain-too-long": ["31:11 cyclic-gc/disable-scope explain.en: is 208 characters; at most 200 (Telegram quiz explanations hold at most 200 characters)"],
  "id-prefix": ['20:9 weakref/disable-scope id: must start with "cyclic-gc/" (the topic) followed by a slug'],
  "level-out-of-range": ["21:12 cyclic-gc/disable-scope level: must be 1, 2 or 3"],
  "missing-prompt": ["4:5 cyclic-gc/two-list-cycle prompt: is required"],
  "missing-ru": ["16:7 cyclic-gc/two-list-cycle explain.ru: missing the Russian (ru) text"],
  "option-too-long": ["27:15 cyclic-gc/disable-scope options[1].en: is 87 characters; at most 80 (Discord button labels hold at most 80 characters)"],
  "prompt-too-long": ["23:11 cyclic-gc/disable-scope prompt.en: is 338 characters; at most 300 (Telegram poll questions hold at most 300 characters)"],
  "too-few-options": ["26:7 cyclic-gc/disable-scope options: must have at least 2 options"],
  "topic-mismatch": [
    '1:8 - topic: is "gc" but the file is named cyclic-gc.yaml; they must match',
    '4:9 cyclic-gc/two-list-cycle id: must start with "gc/" (the topic) followed by a slug',
    '20:9 cyclic-gc/disable-scope id: must start with "gc/" (the topic) followed by a slug',
  ],
  "unclosed-quote": ["13:20 cyclic-gc/two-list-cycle options: YAML syntax: Missing , or : between flow sequence items"],
  "unknown-field": ["33:5 cyclic-gc/disable-scope mor: unknown field"],
};

describe("parseBank on the broken fixtures", () => {
  it("has a pinned expectation for every broken fixture folder", () => {
    expect(readdirSync(`${FIXTURES}/broken`).sort()).toEqual(Object.keys(BROKEN).sort());
  });

  for (const [name, lines] of Object.entries(BROKEN)) {
    it(`reports ${name} with file, line, column, id and field`, () => {
      const file = `${FIXTURES}/broken/${name}/cyclic-gc.yaml`;
      expect(errorsOf(`broken/${name}`)).toEqual(lines.map((line) => `${file}:${line}`));
    });
  }
});

describe("parseBank on valid files", () => {
  it("loads the good fixtures into an immutable bank indexed by id, topic and level", () => {
    const result = parseBank(readBankFiles(`${FIXTURES}/good`));
    if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
    const { bank } = result;
    expect(bank.questions.map((q) => q.id)).toEqual([
      "cyclic-gc/two-list-cycle",
      "cyclic-gc/disable-scope",
      "weakref/list-not-weak",
    ]);
    expect(bank.byId("cyclic-gc/two-list-cycle")?.stdout).toBe("2\n");
    expect(bank.byTopic("cyclic-gc").map((q) => q.id)).toEqual(["cyclic-gc/two-list-cycle", "cyclic-gc/disable-scope"]);
    expect(bank.byLevel(1).map((q) => q.id)).toEqual(["cyclic-gc/disable-scope", "weakref/list-not-weak"]);
    expect(bank.topic("weakref")?.title.ru).toBe("Слабые ссылки");
    expect(bank.byTopic("nope")).toEqual([]);
    expect(Object.isFrozen(bank.questions)).toBe(true);
    expect(Object.isFrozen(bank.byId("cyclic-gc/disable-scope")?.options[0])).toBe(true);
    expect(() => (bank.questions as unknown[]).push(1)).toThrow();
  });

  it("warns about near-duplicate prompts in one topic but still loads", () => {
    const result = parseBank(readBankFiles(`${FIXTURES}/near-duplicate`));
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatIssue)).toEqual([
      `${FIXTURES}/near-duplicate/cyclic-gc.yaml:37:5 cyclic-gc/disable-scope-again prompt: warning: near-duplicate of cyclic-gc/disable-scope (94% similar)`,
    ]);
  });

  it("lists every error of every file at once and loads nothing", () => {
    const text = (id: string, answer: number) => `topic: t\ntitle: { en: T, ru: Т }\nquestions:\n  - id: ${id}\n    level: 1\n    prompt: { en: P ${id}, ru: П }\n    options: [a, b]\n    answer: ${answer}\n    explain: { en: E, ru: Е }\n    source: https://peps.python.org/pep-0442/\n`;
    const result = parseBank([
      { path: "t.yaml", text: text("t/one", 5) },
      { path: "u.yaml", text: text("t/two", 0) },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatIssue)).toEqual([
      "t.yaml:8:13 t/one answer: 5 is out of range: there are 2 options, so it must be 0 to 1",
      'u.yaml:1:8 - topic: is "t" but the file is named u.yaml; they must match',
    ]);
  });

  it("rejects a file that is not a mapping and an empty question list", () => {
    const result = parseBank([
      { path: "a.yaml", text: "- just\n- a list\n" },
      { path: "b.yaml", text: "topic: b\ntitle: { en: B, ru: Б }\nquestions: []\n" },
    ]);
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([
      "a.yaml:1:1 - -: must be a mapping with topic, title and questions",
      "b.yaml:3:12 - questions: must list at least one question",
    ]);
  });
});
