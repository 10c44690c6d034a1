import { readdirSync, readFileSync } from "node:fs";
import { parseDocument, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { generateBank } from "../../../bench/bank-load.ts";
import { readFast } from "../../../src/core/bank/fast-yaml.ts";
import { parseBank, type BankFile, type BankLoadResult } from "../../../src/core/bank/index.ts";
import { createSeededRng } from "../../../src/core/rng.ts";
import { readBankFiles } from "../../../src/storage/question-files.ts";

const FIXTURES = "test/fixtures/bank";
const BASE = readFileSync(`${FIXTURES}/good/cyclic-gc.yaml`, "utf8");
const BASE_VALUE = parseDocument(BASE).toJS() as { topic: string; title: unknown; questions: Record<string, unknown>[] };

/** What can be compared of a result: a bank's lookup functions differ by identity. */
function comparable(result: BankLoadResult) {
  if (!result.ok) return result;
  return { ok: true, questions: result.bank.questions, topics: result.bank.topics, warnings: result.warnings };
}

/** Parses with the fast reader and with the yaml library only, expects the same, and returns the files that fell back. */
function compareReaders(files: readonly BankFile[]): string[] {
  const fallbacks: string[] = [];
  const fast = parseBank(files, { onYamlFallback: (path) => fallbacks.push(path) });
  const yaml = parseBank(files, { reader: "yaml" });
  expect(comparable(fast)).toStrictEqual(comparable(yaml));
  return fallbacks;
}

/** The base fixture with one piece of text replaced (which must be there). */
function edit(from: string | RegExp, to: string, text = BASE): string {
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`not in the text: ${String(from)}`);
  return edited;
}

/** The base questions as one flow map (JSON) per item, under a block list. */
const flowItems = BASE_VALUE.questions.map((question) => JSON.stringify(question));
const HEAD = `topic: cyclic-gc\ntitle: ${JSON.stringify(BASE_VALUE.title)}\n`;
const ANCHORED = edit("    answer: 0\n", "    answer: &zero 0\n");

/** Variants of a valid file; `fast` says whether the fast reader should take it, else it falls back. */
const VARIANTS: Record<string, { text: string; fast: boolean }> = {
  "as written": { text: BASE, fast: true },
  "CRLF line endings": { text: BASE.replace(/\n/g, "\r\n"), fast: true },
  "a byte order mark": { text: `\uFEFF${BASE}`, fast: true },
  "a byte order mark and CRLF": { text: `\uFEFF${BASE.replace(/\n/g, "\r\n")}`, fast: true },
  "blank lines everywhere": { text: BASE.replace(/\n/g, "\n\n"), fast: true },
  "comment lines and end-of-line comments": {
    text: edit("questions:\n", "questions: # all of them\n  # the first\n").replace(/^(    (?:level|answer|source): .*)$/gm, "$1  # note\n    # a comment line"),
    fast: true,
  },
  "an item on the line after its dash, and after a comment": {
    text: edit("  - id: cyclic-gc/two-list-cycle", "  -\n    id: cyclic-gc/two-list-cycle").replace("  - id: cyclic-gc/disable-scope", "  - # second\n    id: cyclic-gc/disable-scope"),
    fast: true,
  },
  "the list at the key's indentation": { text: BASE.replace(/^  - /gm, "- ").replace(/^    /gm, "  "), fast: true },
  "four-space indentation": { text: BASE.replace(/^( +)(- )?/gm, (_line, spaces: string, dash?: string) => `${spaces}${spaces}${dash ? "-   " : ""}`), fast: true },
  "document start and end markers": { text: `---\n${BASE}...\n`, fast: true },
  "a JSON document": { text: JSON.stringify(BASE_VALUE, null, 2) + "\n", fast: true },
  "a one-line JSON document": { text: JSON.stringify(BASE_VALUE) + "\n", fast: true },
  "a one-line JSON document after a byte order mark": { text: `\uFEFF${JSON.stringify(BASE_VALUE)}\n`, fast: true },
  "flow-map items in a block list": { text: `${HEAD}questions:\n${flowItems.map((item) => `  - ${item}`).join("\n")}\n`, fast: true },
  "a flow list of flow maps": { text: `${HEAD}questions: [\n  ${flowItems.join(",\n  ")}\n  ]\n`, fast: true },
  "a flow list on the next line": { text: `${HEAD}questions:\n  [ ${flowItems.join(",\n    ")} ]\n`, fast: true },
  "a flow list closed at column 1": { text: `${HEAD}questions: [\n  ${flowItems.join(",\n  ")}\n]\n`, fast: false },
  "yaml's default output": { text: stringify(BASE_VALUE), fast: true },
  "double-quoted strings": { text: stringify(BASE_VALUE, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" }), fast: true },
  "single-quoted strings": { text: stringify(BASE_VALUE, { defaultStringType: "QUOTE_SINGLE", defaultKeyType: "PLAIN" }), fast: true },
  "literal block scalars": { text: stringify(BASE_VALUE, { defaultStringType: "BLOCK_LITERAL", defaultKeyType: "PLAIN" }), fast: true },
  "folded block scalars": { text: stringify(BASE_VALUE, { defaultStringType: "BLOCK_FOLDED", defaultKeyType: "PLAIN" }), fast: true },
  "plain scalars folded over lines": { text: stringify(BASE_VALUE, { lineWidth: 24, minContentWidth: 8 }), fast: true },
  "flow collections over lines": { text: stringify(BASE_VALUE, { collectionStyle: "flow", lineWidth: 40 }), fast: true },
  "strip chomping": { text: edit("    code: |\n", "    code: |-\n"), fast: true },
  "keep chomping and trailing blank lines": { text: edit("      print(gc.collect())\n", "      print(gc.collect())\n\n\n").replace("    code: |\n", "    code: |+\n"), fast: true },
  "a folded block with more-indented and blank lines": {
    text: edit("    more:\n      en: gc.collect() still works", "    more:\n      en: >-\n        gc.collect()\n          still\n\n        works\n\n\n        and"),
    fast: true,
  },
  "a block scalar with an indentation indicator and a space-only line (yaml drops it)": {
    text: edit("    code: |\n      import gc\n", "    code: |2\n        import gc\n").replace("      print(gc.collect())\n", "      print(gc.collect())\n        \n"),
    fast: false,
  },
  "quoted, escaped and multi-line strings": {
    text: edit("    python: \">=3.4\"", "    python: '>=3.4'").replace(
      "      en: gc.collect() still works while automatic collection is disabled.",
      '      en: "gc.collect()\\tstill \\u0077orks \\x77hile\n        automatic\n\n        collection is \\"disabled\\"\\\n        ."',
    ),
    fast: true,
  },
  "single quotes with an escaped quote over lines": { text: edit("      en: What does gc.disable() turn off?", "      en: 'What does\n        gc.disable() ''turn''\n\n        off?'"), fast: true },
  "unicode": { text: edit("      en: What does gc.disable() turn off?", "      en: What does gc.disable() turn off? 🧹 — «щ» \u00a0\u200b\u2028 עברית"), fast: true },
  "tabs after the indentation": { text: edit("    answer: 0\n    explain:\n      en: Reference", "    answer:\t0\t# tab\n    explain:\n      en: Reference\tcounting").replace('["2", "0", "1", "4"]', '[\t"2",\t"0", "1", "4"\t]'), fast: true },
  "a tab-indented comment after a block scalar (a yaml error)": { text: edit("      print(gc.collect())\n", "      print(gc.collect())\n\t# c\n"), fast: false },
  "a blank line with a tab in a plain scalar (a yaml error)": {
    text: edit("      en: Reference counting still frees", "      en: Reference counting still\n\t\n        frees"),
    fast: false,
  },
  "numbers in every core form": { text: edit("    answer: 0\n    explain:\n      en: Reference", "    answer: 0x0\n    explain:\n      en: Reference").replace("    level: 2", "    level: +2").replace("    answer: 0\n", "    answer: 0o0\n"), fast: true },
  "number-like options that the core schema keeps as strings": {
    text: edit('["2", "0", "1", "4"]', "[1_000, 0b1, +0x1F, 1:20, .5., 0o8, yes, 0x]"),
    fast: true,
  },
  "number options (invalid)": { text: edit('["2", "0", "1", "4"]', "[1, .5, 1e3, .inf]"), fast: false },
  "null, boolean and NaN options (invalid)": { text: edit('["2", "0", "1", "4"]', "[~, null, True, .NaN]"), fast: false },
  "a float answer": { text: edit("    answer: 0\n", "    answer: 0.0e0\n"), fast: true },
  "an anchor and an alias": { text: edit("    answer: 0\n", "    answer: *zero\n", ANCHORED), fast: false },
  "an anchored question (yaml places it after the anchor)": { text: edit("  - id: cyclic-gc/two-list-cycle", "  - &first\n    id: cyclic-gc/two-list-cycle"), fast: false },
  "an anchor on a question's first key": { text: edit("  - id: cyclic-gc/two-list-cycle", "  - &first id: cyclic-gc/two-list-cycle"), fast: false },
  "a tag": { text: edit('    python: ">=3.4"', '    python: !!str ">=3.4"'), fast: false },
  "a directive": { text: `%YAML 1.2\n---\n${BASE}`, fast: false },
  "no line break after a kept block at the end (js-yaml adds one)": {
    text: edit(/      ru: gc\.collect\(\) продолжает.*\n    source: .*\n$/, "      ru: |+\n        gc.collect() работает.\n\n  ").replace(
      "    more:\n      en: gc.collect() still",
      "    source: https://docs.python.org/3/library/gc.html#gc.disable\n    more:\n      en: gc.collect() still",
    ),
    fast: false,
  },
  "a comment touching a quote (a yaml error)": { text: edit('"4"]', '"4"]#four'), fast: false },
  "a duplicated key (a yaml error)": { text: edit("    level: 2\n", "    level: 2\n    level: 2\n"), fast: false },
  "a duplicated id": { text: edit("id: cyclic-gc/disable-scope", "id: cyclic-gc/two-list-cycle"), fast: true },
  "a near-duplicate prompt": {
    text: edit("      en: What does gc.disable() turn off?\n      ru: Что отключает gc.disable()?", "      en: What does this print?\n      ru: Что выведет этот код?"),
    fast: true,
  },
  "an invalid answer": { text: edit("    answer: 0\n", "    answer: 9\n"), fast: false },
  "an unknown field in a flow item": { text: `${HEAD}questions:\n${flowItems.map((item) => `  - ${item.replace("{", '{"mor":1,')}`).join("\n")}\n`, fast: false },
};

describe("the fast reader gives the same bank, errors and warnings as the yaml library", () => {
  it("reads every file in questions/ on the fast path", () => {
    const files = readBankFiles("questions");
    expect(files.length).toBeGreaterThan(0);
    expect(compareReaders(files)).toEqual([]);
  });

  it("reads the benchmark's generated bank on the fast path", () => {
    expect(compareReaders(generateBank(500))).toEqual([]);
  });

  it("agrees on every fixture folder, good and broken", () => {
    const folders = ["good", "near-duplicate", ...readdirSync(`${FIXTURES}/broken`).map((name) => `broken/${name}`)];
    for (const folder of folders) compareReaders(readBankFiles(`${FIXTURES}/${folder}`));
    expect(compareReaders(readBankFiles(`${FIXTURES}/good`))).toEqual([]);
  });

  for (const [name, { text, fast }] of Object.entries(VARIANTS)) {
    it(`agrees on ${name}, ${fast ? "on the fast path" : "through the fallback"}`, () => {
      const fallbacks = compareReaders([{ path: `${FIXTURES}/variants/cyclic-gc.yaml`, text }]);
      expect(fallbacks.length === 0).toBe(fast);
    });
  }

  it("agrees across files: an id duplicated in another file, read fast", () => {
    const other = edit(/^topic: cyclic-gc$/m, "topic: weakref").replace(/id: cyclic-gc\//g, "id: weakref/");
    const files = [
      { path: "a/cyclic-gc.yaml", text: BASE },
      { path: "a/weakref.yaml", text: other.replace("id: weakref/disable-scope", "id: cyclic-gc/disable-scope") },
    ];
    expect(compareReaders(files)).toEqual(["a/weakref.yaml"]);
    expect(compareReaders([files[0]!, { path: "a/weakref.yaml", text: other }])).toEqual([]);
  });

  it("agrees on hundreds of random edits of a valid file", () => {
    const rng = createSeededRng(20250611);
    const pieces = ["\n", "\r\n", " ", "  ", "\t", "#", " # c", "[", "]", "{", "}", ",", ":", ": ", "- ", "'", '"', "&a ", "*a", "!", "|", ">-", "? ", "@", "---\n", "...\n", "\\", "~", "0x1F", "1_0", "\n    ", "\n      "];
    let fastCount = 0;
    for (let round = 0; round < 400; round++) {
      let text = BASE;
      for (let edits = 1 + Math.floor(rng.next() * 2); edits > 0; edits--) {
        const at = Math.floor(rng.next() * text.length);
        text = rng.next() < 0.7
          ? text.slice(0, at) + pieces[Math.floor(rng.next() * pieces.length)] + text.slice(at)
          : text.slice(0, at) + text.slice(at + 1 + Math.floor(rng.next() * 3));
      }
      if (compareReaders([{ path: "r/cyclic-gc.yaml", text }]).length === 0) fastCount++;
    }
    expect(fastCount).toBeGreaterThan(40); // the comparison means something only when the fast path is taken
  });
});

describe("readFast", () => {
  const SCALARS = [
    "1", "-1", "+1", "0", "-0", "+0", "007", "1_000", "0b1", "0o7", "0o17", "0o8", "0O7", "0x1F", "0xff", "0X1F", "0xg", "+0x1F", "-0o7",
    "1.5", ".5", "+.5", "-.5", "1.", "1e3", "1E3", "1e+3", "1e-3", ".1e1", "1.e2", "e3", "1e", "1.5e", "12345678901234567890", "0x1FFFFFFFFFFFFFFFF",
    ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".iNf", "inf", ".nan", ".NaN", ".NAN", "-.nan", "nan",
    "~", "null", "Null", "NULL", "nUll", "", "true", "True", "TRUE", "tRue", "false", "False", "FALSE", "yes", "no", "on", "off", "y",
    "1:20", "2001-12-14", "0.", ".", "+", "'1'", '"1"', '"0x1F"', "'~'", '"true"', "x # comment", "1 # comment", "1\t", "a b", "é", "🧹",
  ];

  it("resolves plain scalars exactly as the yaml library's core schema", () => {
    for (const scalar of SCALARS) {
      const flow = scalar.includes("#") ? "" : `list: [${scalar}]\nmap: { key: ${scalar} }\n`;
      const text = `questions: []\nvalue: ${scalar}\n${flow}block:\n  - ${scalar}\n`;
      expect(readFast(text)?.value, scalar).toStrictEqual(parseDocument(text).toJS());
    }
  });

  it("gives each question's position as yaml's line counter does", () => {
    const text = `\uFEFF{ questions: [ { id: a }, {\r\n id: b } ,\r\n\r\n  c ] }\r\n`;
    const doc = parseDocument(text, { keepSourceTokens: false });
    expect(readFast(text)?.questionPositions).toEqual([
      { line: 1, col: 17 },
      { line: 1, col: 28 },
      { line: 4, col: 3 },
    ]);
    expect(doc.errors).toEqual([]);
  });

  it("declines what yaml may read differently", () => {
    const declined = {
      anchor: "questions: [&a x, *a]\n",
      tag: "questions: [!!str x]\n",
      "non-specific tag": "questions: [! x]\n",
      "verbatim tag": "questions: [!<!> x]\n",
      "verbatim ? tag": "questions: [!<?> 1]\n",
      directive: "%YAML 1.1\n---\nquestions: [x]\n",
      "lone CR": "questions: [x]\rnext: y\n",
      "no final line break": "questions: [x]",
      "comment touching a bracket": "questions: [x]#c\n",
      "indentation indicator": "questions:\n  - |2\n      x\n",
      "tab in the indentation": "questions:\n\t- x\n",
      "syntax error": "questions: [x\n",
      "multiple documents": "questions: [x]\n---\nquestions: [y]\n",
      "not a mapping": "- x\n",
      "questions not a list": "questions: x\n",
      "a single-pair item": "questions: [a: b]\n",
      "an empty item": "questions:\n  -\n  - x\n",
    };
    for (const [name, text] of Object.entries(declined)) expect(readFast(text), name).toBeUndefined();
  });
});
