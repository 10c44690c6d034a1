import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatBankMarkdown } from "../../src/cli/validate.ts";
import { bankSummary, formatIssue } from "../../src/core/bank/index.ts";
import { runVerify } from "../../src/cli/verify/index.ts";
import { loadBankFromDir, readBankFiles } from "../../src/storage/index.ts";

const TOPICS = ["allocator", "cyclic-gc", "finalizers", "immortal-objects", "misconceptions", "refcounting", "shutdown", "tools", "weakref"];

describe("the bundled question bank", () => {
  const result = loadBankFromDir("questions");

  it("loads every file without errors or near-duplicate warnings", () => {
    const problems = [...(result.ok ? [] : result.errors), ...result.warnings].map(formatIssue);
    expect(problems).toEqual([]);
    expect(readBankFiles("questions").map((f) => f.path).sort()).toEqual(TOPICS.map((t) => `questions/${t}.yaml`));
  });

  it("covers every topic with enough questions, code questions and levels", () => {
    if (!result.ok) throw new Error("bank did not load");
    const summary = bankSummary(result.bank);
    expect(summary.topics.map((t) => t.topic).sort()).toEqual(TOPICS);
    for (const topic of summary.topics) expect(topic.total, topic.topic).toBeGreaterThanOrEqual(20);
    const { total, code, levels } = summary.totals;
    expect(total).toBeGreaterThanOrEqual(180);
    expect(code).toBeGreaterThanOrEqual(70);
    expect(levels[0] / total).toBeGreaterThanOrEqual(0.3);
    expect(levels[2] / total).toBeGreaterThanOrEqual(0.25);
  });

  it("says the version in the prompt of at least 12 version-dependent questions", () => {
    if (!result.ok) throw new Error("bank did not load");
    const versioned = result.bank.questions.filter((q) => q.python && /\b(2\.7|3\.\d{1,2})/.test(q.prompt.en));
    expect(versioned.length).toBeGreaterThanOrEqual(12);
  });

  it("takes up each myth of the source answer in at least two misconceptions questions", () => {
    if (!result.ok) throw new Error("bank did not load");
    const ids = result.bank.byTopic("misconceptions").map((q) => q.id);
    for (const myth of ["cycles", "os", "globals", "interpreter"]) {
      expect(ids.filter((id) => id.startsWith(`misconceptions/myth-${myth}-`)).length, myth).toBeGreaterThanOrEqual(2);
    }
  });

  it("has a source link and no option that is 'all/none of the above'", () => {
    if (!result.ok) throw new Error("bank did not load");
    for (const q of result.bank.questions) {
      expect(q.source, q.id).toMatch(/^https:\/\/(docs\.python\.org|peps\.python\.org|github\.com\/python\/cpython)\//);
      for (const option of q.options) expect(JSON.stringify(option), q.id).not.toMatch(/(all|none) of the above/i);
    }
  });

  it("has the coverage table of questions/README.md generated from the bank", () => {
    if (!result.ok) throw new Error("bank did not load");
    expect(readFileSync("questions/README.md", "utf8")).toContain(formatBankMarkdown(result.bank));
  });

  it("gives every code question output that the installed interpreters reproduce", async () => {
    let out = "";
    let err = "";
    const code = await runVerify(["questions"], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      isTTY: false,
      env: process.env,
      defaultDir: "questions",
    });
    expect(code, out + err).toBe(0);
    // Every planned run passed: "N run(s) of Q question(s) … N ok, 0 FAIL, 0 crash, 0 timeout".
    expect(out + err).toMatch(/(\d+) run\(s\) of \d+ question\(s\).*: \1 ok, 0 FAIL, 0 crash, 0 timeout/);
  }, 120_000);
});
