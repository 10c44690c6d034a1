import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectOutput, type ProcessOutput } from "../../helpers/run-process.ts";

const dir = mkdtempSync(join(tmpdir(), "memquiz-console-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real `npm start` with piped stdin and returns what it printed. */
function npmStart(input: string, env: Record<string, string> = {}): Promise<ProcessOutput> {
  const child = spawn("npm", ["start", "--silent"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      LANG: "C.UTF-8",
      USER: "tester",
      MEMQUIZ_DB: join(dir, "memquiz.db"),
      MEMQUIZ_ROUND_SECONDS: "1",
      ...env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  return collectOutput(child, input);
}

describe("the console chat through npm start", () => {
  it("plays practice and a one-question round, then keeps the history across a restart", async () => {
    const first = await npmStart("/practice\n1\n/quiz 1\n2\n");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Hi! I'm memquiz");
    expect(first.stdout).toMatch(/Practice · question 1 · \[[a-z-]+\/[a-z0-9-]+\]/);
    expect(first.stdout).toMatch(/✅ Correct!|❌ Not quite\. The answer is \d\)/);
    expect(first.stdout).toContain("Round started: 1 question, 1 s each.");
    expect(first.stdout).toMatch(/Question 1\/1 · 1 s · \[/);
    expect(first.stdout).toContain("Answer locked in: 2");
    // At end of input the open question still closes and its results print.
    expect(first.stdout).toMatch(/Time's up! The answer is \d\)/);
    expect(first.stdout).toContain("Points count only when at least 2 players answer.");
    expect(first.stdout).toContain("Round over! Standings:");

    const second = await npmStart("/me\n/top all\n/daily now\n1\n/daily\n");
    expect(second.code).toBe(0);
    // The console is a private chat: its one user may post the daily question and answer it by number.
    expect(second.stdout).toMatch(/Daily question · \d{4}-\d{2}-\d{2} · answer until \d{2}:\d{2}/);
    expect(second.stdout).toContain("Answer locked in: 1");
    expect(second.stdout).toContain("daily question: off");
    expect(second.stdout).toContain("Progress — tester");
    expect(second.stdout).toMatch(/2 answers, (0|50|100)% right/);
  });

  it("greets in Russian when LANG is ru_*", async () => {
    const run = await npmStart("/help\n", { LANG: "ru_RU.UTF-8", MEMQUIZ_DB: join(dir, "ru.db") });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Привет! Я memquiz");
  });

  it("stops with exit code 2 and one line naming the variable on a bad config", async () => {
    const run = await npmStart("", { LOG_LEVEL: "shouty" });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual(["memquiz: config: LOG_LEVEL must be one of debug, info, warn, error, silent"]);
  });
});
