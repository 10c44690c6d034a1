import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runVerify, type VerifyIo } from "../../src/cli/verify/index.ts";
import { findOnPath } from "../../src/cli/verify/find-pythons.ts";

const FIXTURES = "test/fixtures/verify";
const python3 = findOnPath("python3", process.env);
const scratch = mkdtempSync(join(tmpdir(), "memquiz-verify-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs verify with captured output; `--python python3` keeps discovery out of most tests. */
async function verify(args: string[], overrides: Partial<VerifyIo> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runVerify(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false,
    env: process.env,
    defaultDir: `${FIXTURES}/pass`,
    ...overrides,
  });
  return { code, stdout, stderr, all: stdout + stderr };
}

function withPython(dir: string, ...more: string[]): string[] {
  return [`${FIXTURES}/${dir}`, "--python", python3 ?? "python3", ...more];
}

describe.skipIf(python3 === undefined)("memquiz verify on a real python3", () => {
  it("passes a snippet whose output matches, and lists only code questions in the table", async () => {
    const result = await verify(withPython("pass"));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Found 1 Python interpreter\(s\): 3\.\d+\n {2}3\.\d+\.\d+ +\//);
    expect(result.stdout).toMatch(/refcount\/del-last-reference +ok\n/);
    expect(result.stdout).not.toContain("refcount/no-code");
    expect(result.stdout).toContain("1 ok, 0 FAIL, 0 crash, 0 timeout");
    expect(result.stdout).toContain("All runs passed.");
  });

  it("uses the default folder when no DIR is given", async () => {
    const result = await verify(["--python", python3 ?? "python3"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`from ${FIXTURES}/pass:`);
  });

  it("fails a wrong stdout, names the question and shows a diff", async () => {
    const result = await verify(withPython("mismatch"));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/refcount\/wrong-order +FAIL\n/);
    expect(result.stdout).toContain("FAIL refcount/wrong-order on Python 3.");
    expect(result.stdout).toContain(`(${FIXTURES}/mismatch/refcount.yaml:4): wrong output`);
    expect(result.stdout).toMatch(/--- expected \(stdout in the question\)\n\+\+\+ actual \(Python 3\.\d+\)\n/);
    expect(result.stdout).toMatch(/@@ -1,3 \+1,3 @@\n-del\n after del a\n\+del\n end\n/);
    // The last lines name the question and the version, for the end of a CI log.
    expect(result.stdout.trimEnd().split("\n").slice(-2)).toEqual([
      "FAILED: 1 question(s):",
      expect.stringMatching(/^ {2}refcount\/wrong-order: FAIL on 3\.\d+$/),
    ]);
  });

  it("reports a non-zero exit as a crash with the end of stderr", async () => {
    const result = await verify(withPython("crash"));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("crash refcount/raises on Python 3.");
    expect(result.stdout).toContain("exit code 1");
    // The random temp folder is cut out of the traceback.
    expect(result.stdout).toContain('  |   File "snippet.py", line 3, in <module>');
    expect(result.stdout).toContain("  | KeyError: 'missing'");
    expect(result.stdout).toMatch(/refcount\/raises: crash on 3\.\d+\n$/);
  });

  it("stops a snippet that never ends at the timeout, quickly, and removes its folder", async () => {
    // Guards against a hung snippet stalling verify, and against leaving temp folders behind after a kill.
    const tmp = mkdtempSync(join(scratch, "tmp-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const started = Date.now();
    try {
      const result = await verify(withPython("hang", "--timeout", "1"));
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/refcount\/never-ends +timeout\n/);
      expect(result.stdout).toContain("still running after 1 s; killed");
      expect(result.stdout).toMatch(/refcount\/never-ends: timeout on 3\.\d+\n$/);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(Date.now() - started).toBeLessThan(5000);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("skips a question whose range excludes every interpreter, naming it, and still exits 0", async () => {
    const result = await verify(withPython("skipped"));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/refcount\/ancient-python +-\n/);
    expect(result.stdout).toMatch(/refcount\/list-alias +ok\n/);
    expect(result.stdout).toMatch(/skipped 1 question\(s\): no interpreter found inside the range \(found 3\.\d+\):\n {2}refcount\/ancient-python \(python "<2\.0"\)\n/);
  });

  it("rewrites one progress line on a terminal", async () => {
    const result = await verify(withPython("pass"), { isTTY: true });
    expect(result.stderr).toBe("\rverify 1/1 runs · 0 failed\x1b[K\r\x1b[K");
  });

  it("prints plain progress lines when not on a terminal", async () => {
    const result = await verify(withPython("pass"));
    expect(result.stderr).toBe("verify 1/1 runs · 0 failed\n");
  });

  it("de-duplicates the same interpreter given twice", async () => {
    const result = await verify(withPython("pass", "--python", python3 ?? "python3"));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Found 1 Python interpreter\(s\)/);
  });
});

describe("memquiz verify: arguments and environment", () => {
  it("exits 2 with a clear message for a --python path that doesn't exist", async () => {
    const result = await verify([`${FIXTURES}/pass`, "--python", "/nonexistent"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("memquiz verify: --python /nonexistent: no such file\n");
  });

  it("exits 2 for --python without a path", async () => {
    const result = await verify([`${FIXTURES}/pass`, "--python"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--python needs a value (the path of an interpreter)");
    expect(result.stderr).toContain("usage: memquiz verify");
  });

  it("exits 2 for an unknown flag, a bad timeout and two folders", async () => {
    expect((await verify(["--fast"])).stderr).toContain('unknown option "--fast"');
    expect((await verify(["--timeout", "soon"])).stderr).toContain('--timeout needs a positive number, got "soon"');
    expect((await verify(["a", "b"])).stderr).toContain('expected at most one DIR, got "a", "b"');
    for (const args of [["--fast"], ["--timeout", "0"], ["a", "b"]]) expect((await verify(args)).code).toBe(2);
  });

  it("exits 2 when the questions folder doesn't exist", async () => {
    const result = await verify([`${FIXTURES}/no-such-folder`, "--python", "/nonexistent"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no-such-folder");
  });

  it("exits 1 with every formatted error when the bank doesn't load", async () => {
    const result = await verify([`${FIXTURES}/broken`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${FIXTURES}/broken/refcount.yaml:12:7 refcount/missing-russian explain.ru: missing the Russian (ru) text\n`);
    expect(result.stderr).toContain("the bank was not loaded");
  });

  it("exits 2 when discovery finds no interpreter on PATH or in pyenv", async () => {
    const empty = mkdtempSync(join(scratch, "empty-"));
    const result = await verify([`${FIXTURES}/pass`], { env: { PATH: empty, HOME: empty } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `memquiz verify: no Python interpreter found: looked for python3.N, python3 and python on PATH and in ${empty}/.pyenv/versions. Install CPython, or name one with --python PATH.\n`,
    );
  });

  it("prints help and exits 0", async () => {
    const result = await verify(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: memquiz verify \[DIR\]/);
  });
});
