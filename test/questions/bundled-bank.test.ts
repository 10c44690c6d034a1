import { describe, expect, it } from "vitest";
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
    for (const topic of summary.topics) expect(topic.total, topic.topic).toBeGreaterThanOrEqual(5);
    expect(summary.totals.total).toBeGreaterThanOrEqual(45);
    expect(summary.totals.code).toBeGreaterThanOrEqual(15);
    for (const level of summary.totals.levels) expect(level).toBeGreaterThan(0);
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
