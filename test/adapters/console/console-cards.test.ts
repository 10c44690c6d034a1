import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectOutput, type ProcessOutput } from "../../helpers/run-process.ts";
import { sentCardProblems } from "../../cards/image-check.ts";

const REPO = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "memquiz-console-cards-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the entry of `npm start` with `cwd` as the working directory and piped stdin; returns what it printed. */
function start(input: string, cwd: string): Promise<ProcessOutput> {
  const child = spawn(join(REPO, "node_modules/.bin/tsx"), [join(REPO, "src/main.ts")], {
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      LANG: "C.UTF-8",
      USER: "tester",
      MEMQUIZ_DB: join(dir, "memquiz.db"),
      MEMQUIZ_QUESTIONS: join(REPO, "test/fixtures/bank/game"),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  return collectOutput(child, input);
}

describe("picture cards in the console chat", () => {
  it("writes /me and /top as PNGs under ./data/cards of the working directory and prints their paths; text only with cards off", async () => {
    const run = await start("/me\n/top all\n/settings cards off\n/me\n", dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("card: data/cards/me.png\nProgress — tester");
    expect(run.stdout).toContain("card: data/cards/top.png\nTop — all time · this chat");
    // After `cards off`, /me prints its text alone.
    expect(run.stdout.match(/^card: /gm)).toHaveLength(2);
    expect(run.stdout.match(/Progress — tester/g)).toHaveLength(2);
    for (const name of ["me.png", "top.png"]) {
      const file = join(dir, "data", "cards", name);
      expect(existsSync(file)).toBe(true);
      expect(sentCardProblems(readFileSync(file))).toEqual([]);
    }
  }, 60_000);
});
