import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parseBank, type BankFile } from "../../../src/core/bank/index.ts";

/**
 * Every rule the question-file validator can report, each with the smallest
 * file that breaks it and the exact message. The last test reads the
 * validator's source and fails when it finds a message that no case here
 * produces, so a new rule can't land without a test.
 */

const BASE = { id: "t/q", level: 1, prompt: { en: "What is it?", ru: "Что это?" }, options: ["a", "b"], answer: 0, explain: { en: "E", ru: "Е" }, source: "https://docs.python.org/3/" };
const x = (n: number) => "x".repeat(n);

/** A one-file bank `t.yaml` (YAML accepts JSON) with the question changed; `undefined` removes a field. */
function withQuestion(change: Record<string, unknown>, file: Record<string, unknown> = {}): BankFile[] {
  const question = Object.fromEntries(Object.entries({ ...BASE, ...change }).filter(([, v]) => v !== undefined));
  const top = Object.fromEntries(Object.entries({ topic: "t", title: { en: "T", ru: "Т" }, questions: [question], ...file }).filter(([, v]) => v !== undefined));
  return [{ path: "t.yaml", text: JSON.stringify(top, null, 1) }];
}

interface Case {
  readonly files: BankFile[];
  /** `<question id> <field>: <message>` of every error, or of the warnings when `warning` is set. */
  readonly expected: readonly string[];
  readonly warning?: true;
}

const CASES: Record<string, Case> = {
  "file is not a mapping": { files: [{ path: "t.yaml", text: "[1, 2]" }], expected: ["- -: must be a mapping with topic, title and questions"] },
  "YAML syntax": { files: [{ path: "t.yaml", text: "topic: t\ntitle: { en: T, ru: Т\n" }], expected: ["- title: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }"] },
  "unknown top-level field": { files: withQuestion({}, { extra: 1 }), expected: ["- extra: unknown field"] },
  "topic missing": { files: withQuestion({}, { topic: undefined }), expected: ["- topic: is required"] },
  "topic not a string": { files: withQuestion({}, { topic: 5 }), expected: ["- topic: must be the topic id, equal to the file name"] },
  "topic not kebab-case": { files: withQuestion({}, { topic: "T_x" }), expected: ["- topic: must be kebab-case, like cyclic-gc"] },
  "topic differs from the file name": {
    files: withQuestion({ id: "u/q" }, { topic: "u" }),
    expected: ['- topic: is "u" but the file is named t.yaml; they must match'],
  },
  "title not a map": { files: withQuestion({}, { title: "T" }), expected: ["- title: must be a map of texts per language: { en: ..., ru: ... }"] },
  "title text missing": { files: withQuestion({}, { title: { en: "T" } }), expected: ["- title.ru: missing the Russian (ru) text"] },
  "title text empty": { files: withQuestion({}, { title: { en: "  ", ru: "Т" } }), expected: ["- title.en: must not be empty"] },
  "title text not a string": { files: withQuestion({}, { title: { en: 5, ru: "Т" } }), expected: ["- title.en: must be a string"] },
  "title too long": { files: withQuestion({}, { title: { en: x(101), ru: "Т" } }), expected: ["- title.en: is 101 characters; at most 100 (topic titles are shown in menus)"] },
  "questions not a list": { files: withQuestion({}, { questions: "q" }), expected: ["- questions: must be a list of questions"] },
  "no questions": { files: withQuestion({}, { questions: [] }), expected: ["- questions: must list at least one question"] },
  "question not a mapping": { files: withQuestion({}, { questions: ["q"] }), expected: ["questions[0] -: must be a mapping of question fields"] },
  "unknown question field": { files: withQuestion({ mor: "x" }), expected: ["t/q mor: unknown field"] },
  "id not a string": { files: withQuestion({ id: 5 }), expected: ["questions[0] id: must be a string like <topic>/<slug>"] },
  "id without the topic": { files: withQuestion({ id: "q" }), expected: ['q id: must start with "t/" (the topic) followed by a slug'] },
  "id slug not kebab-case": { files: withQuestion({ id: "t/Big_Q" }), expected: ['t/Big_Q id: slug "Big_Q" must be kebab-case: lowercase letters, digits and dashes'] },
  "duplicate id across files": {
    files: [{ path: "t.yaml", text: JSON.stringify({ topic: "t", title: { en: "T", ru: "Т" }, questions: [BASE, { ...BASE, prompt: { en: "Another one", ru: "Другой" } }] }, null, 1) }],
    expected: ["t/q id: duplicates the id at t.yaml:8; ids are unique across all files"],
  },
  "level out of range": { files: withQuestion({ level: 4 }), expected: ["t/q level: must be 1, 2 or 3"] },
  "level missing": { files: withQuestion({ level: undefined }), expected: ["t/q level: is required"] },
  "python not a string": { files: withQuestion({ python: 3.4 }), expected: ['t/q python: must be a version range string like ">=3.4"'] },
  "python range empty part": { files: withQuestion({ python: ">=3.4," }), expected: ['t/q python: invalid version range ">=3.4,": expected comparators like ">=3.4" or ">=3.8,<3.12"'] },
  "python range bad comparator": {
    files: withQuestion({ python: "3.4+" }),
    expected: ['t/q python: invalid version range "3.4+": "3.4+" is not one of >=, <=, >, <, ==, != followed by a version like 3.12'],
  },
  "prompt too long": { files: withQuestion({ prompt: { en: x(301), ru: "П" } }), expected: ["t/q prompt.en: is 301 characters; at most 300 (Telegram poll questions hold at most 300 characters)"] },
  "code not a string": { files: withQuestion({ code: 5, stdout: "5\n" }), expected: ["t/q code: must be a string (use a YAML block: `code: |`)"] },
  "code without stdout": { files: withQuestion({ code: "print(1)" }), expected: ["t/q stdout: is required when code is given: the exact expected output, checked by memquiz verify"] },
  "stdout without code": { files: withQuestion({ stdout: "1\n" }), expected: ["t/q stdout: is given without code: there is nothing to run"] },
  "stdout not a string": { files: withQuestion({ code: "print(1)", stdout: 1 }), expected: ["t/q stdout: must be a string (the exact expected output)"] },
  "options not a list": { files: withQuestion({ options: "a, b" }), expected: ["t/q options: must be a list of 2 to 8 options"] },
  "one option": { files: withQuestion({ options: ["a"] }), expected: ["t/q options: must have at least 2 options"] },
  "nine options": { files: withQuestion({ options: ["1", "2", "3", "4", "5", "6", "7", "8", "9"] }), expected: ["t/q options: must have at most 8 options"] },
  "option too long for a poll": {
    files: withQuestion({ options: ["a", x(101)] }),
    expected: ["t/q options[1]: is 101 characters; at most 100 (Telegram poll options hold at most 100 characters)"],
  },
  "option too long for a button": {
    files: withQuestion({ options: ["a", x(81)] }),
    expected: ["t/q options[1]: is 81 characters; at most 80 (Discord button labels hold at most 80 characters)"],
  },
  "option text missing a language": { files: withQuestion({ options: ["a", { en: "b" }] }), expected: ["t/q options[1].ru: missing the Russian (ru) text"] },
  "duplicate option": { files: withQuestion({ options: ["a", "A "] }), expected: ["t/q options[1]: duplicates option 0"] },
  "answer negative": { files: withQuestion({ answer: -1 }), expected: ["t/q answer: must not be negative"] },
  "answer not a number": { files: withQuestion({ answer: "a" }), expected: ["t/q answer: must be the 0-based index of the correct option"] },
  "answer out of range": { files: withQuestion({ answer: 2 }), expected: ["t/q answer: 2 is out of range: there are 2 options, so it must be 0 to 1"] },
  "explain too long": { files: withQuestion({ explain: { en: x(201), ru: "Е" } }), expected: ["t/q explain.en: is 201 characters; at most 200 (Telegram quiz explanations hold at most 200 characters)"] },
  "explain missing": { files: withQuestion({ explain: undefined }), expected: ["t/q explain: is required"] },
  "more too long": { files: withQuestion({ more: { en: x(3001), ru: "М" } }), expected: ["t/q more.en: is 3001 characters; at most 3000 (longer explanations are sent as one message)"] },
  "source not a URL": { files: withQuestion({ source: "docs.python.org" }), expected: ["t/q source: must be an http(s) URL"] },
  "near-duplicate prompt (a warning)": {
    files: [{ path: "t.yaml", text: JSON.stringify({ topic: "t", title: { en: "T", ru: "Т" }, questions: [{ ...BASE, prompt: { en: "What does gc.collect() return here?", ru: "П" } }, { ...BASE, id: "t/r", prompt: { en: "What does gc.collect() return here!", ru: "П" } }] }, null, 1) }],
    expected: ["t/r prompt: near-duplicate of t/q (97% similar)"],
    warning: true,
  },
};

/** Messages in the validator's source that no file can produce, with the reason. */
const UNREACHABLE: Record<string, string> = {
  "unknown field(s): ${…}": "zod's unrecognized_keys issues are reported per key as \"unknown field\" by parse-bank.ts",
};

function reported(c: Case): string[] {
  const result = parseBank(c.files);
  const issues = c.warning ? result.warnings : result.ok ? [] : result.errors;
  return issues.map((i) => `${i.questionId} ${i.field}: ${i.message}`);
}

describe("every question-file rule has a clear message", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      expect(reported(c)).toEqual(c.expected);
    });
  }
});

/** The message-like string literals of a validator file: with a space, templates' `${…}` kept as a wildcard. */
function messageLiterals(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node)) out.push(node.head.text + node.templateSpans.map((s) => `\${…}${s.literal.text}`).join(""));
    else if (ts.isImportDeclaration(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out.filter((text) => text.includes(" ") && !text.startsWith("${…}"));
}

const VALIDATOR_FILES = ["schema.ts", "question-checks.ts", "version-range.ts", "parse-bank.ts"].map((f) => `src/core/bank/${f}`);

describe("the rule catalogue", () => {
  it("covers every message the validator's source can report", () => {
    const produced = Object.values(CASES).flatMap((c) => c.expected);
    const untested = VALIDATOR_FILES.flatMap(messageLiterals).filter((literal) => {
      if (literal in UNREACHABLE) return false;
      const pattern = new RegExp(literal.split("${…}").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+"));
      return !produced.some((message) => pattern.test(message));
    });
    expect(untested, "messages without a case in CASES above").toEqual([]);
  });
});
