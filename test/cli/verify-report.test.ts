import { describe, expect, it } from "vitest";
import { parseVerifyArgs } from "../../src/cli/verify/args.ts";
import { formatDiff, splitLines, visibleLine } from "../../src/cli/verify/diff.ts";
import type { Interpreter } from "../../src/cli/verify/find-pythons.ts";
import { createProgress } from "../../src/cli/verify/progress.ts";
import { formatResultTable, versionLabels } from "../../src/cli/verify/report.ts";
import { judgeRun, planRuns, type CodeQuestion, type RunResult } from "../../src/cli/verify/run-all.ts";
import { isolationFlags, snippetEnv, type SnippetRun } from "../../src/cli/verify/run-snippet.ts";
import { parseVersionRange } from "../../src/core/bank/index.ts";

function interpreter(versionText: string): Interpreter {
  return { version: versionText.split(".").map(Number), versionText, path: `/py/${versionText}` };
}

function question(id: string, python?: string): CodeQuestion {
  const range = python === undefined ? undefined : parseVersionRange(python);
  return {
    id,
    topic: id.split("/")[0] ?? "",
    level: 1,
    ...(range?.ok ? { python: range.range } : {}),
    prompt: { en: "?", ru: "?" },
    code: "print(1)",
    options: ["1", "2"],
    answer: 0,
    explain: { en: ".", ru: "." },
    source: "https://docs.python.org/3/",
    stdout: "1\n",
    location: { file: "questions/t.yaml", line: 4, col: 5 },
  };
}

describe("formatDiff", () => {
  it("shows a changed line with its context as a unified hunk", () => {
    expect(formatDiff("a\nb\nc\n", "a\nB\nc\n")).toBe(["--- expected", "+++ actual", "@@ -1,3 +1,3 @@", " a", "-b", "+B", " c"].join("\n"));
  });

  it("makes a missing final newline visible", () => {
    // Guards against a diff that looks empty because only the last "\n" differs.
    expect(formatDiff("2\n", "2")).toBe(["--- expected", "+++ actual", "@@ -1 +1 @@", "-2", "+2", "\\ No newline at end of file"].join("\n"));
  });

  it("makes trailing spaces, tabs and carriage returns visible", () => {
    expect(formatDiff("x\n", "x  \n")).toContain("-x\n+x··");
    expect(formatDiff("x\n", "x\t\n")).toContain("+x→");
    expect(formatDiff("x\n", "x\r\n")).toContain("+x␍");
  });

  it("shows an empty expected or actual output", () => {
    expect(formatDiff("", "1\n")).toBe(["--- expected", "+++ actual", "@@ -0,0 +1 @@", "+1"].join("\n"));
    expect(formatDiff("1\n2\n", "")).toBe(["--- expected", "+++ actual", "@@ -1,2 +0,0 @@", "-1", "-2"].join("\n"));
  });

  it("splits far-apart changes into separate hunks with 3 lines of context", () => {
    const expected = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join("");
    const actual = expected.replace("line 2\n", "LINE 2\n").replace("line 18\n", "LINE 18\n");
    const hunks = formatDiff(expected, actual, { expected: "want", actual: "got" }).split("\n").filter((l) => l.startsWith("@@"));
    expect(hunks).toEqual(["@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@"]);
  });

  it("aligns inserted and removed lines on the common ones", () => {
    expect(formatDiff("a\nb\nc\nd\n", "a\nc\nd\ne\n").split("\n").slice(2)).toEqual(["@@ -1,4 +1,4 @@", " a", "-b", " c", " d", "+e"]);
  });

  it("names both sides in the header", () => {
    expect(formatDiff("1\n", "2\n", { expected: "expected (stdout)", actual: "actual (Python 3.12)" })).toMatch(/^--- expected \(stdout\)\n\+\+\+ actual \(Python 3\.12\)\n/);
  });
});

describe("diff helpers", () => {
  it("keeps newlines on split lines so a missing last newline counts", () => {
    expect(splitLines("a\nb")).toEqual(["a\n", "b"]);
    expect(splitLines("a\n\n")).toEqual(["a\n", "\n"]);
    expect(splitLines("")).toEqual([]);
  });

  it("escapes control characters", () => {
    expect(visibleLine("\x1b[31mred\n")).toBe("\\x1b[31mred");
  });
});

describe("parseVerifyArgs", () => {
  it("reads the folder, repeated --python, --timeout in seconds and --jobs", () => {
    expect(parseVerifyArgs(["q", "--python", "/a", "--python=/b", "--timeout=0.5", "--jobs", "3"])).toEqual({
      kind: "run",
      options: { dir: "q", pythons: ["/a", "/b"], timeoutMs: 500, jobs: 3 },
    });
  });

  it("defaults to discovery, a 10 s timeout and at most 4 jobs", () => {
    const parsed = parseVerifyArgs([]);
    expect(parsed.kind === "run" && parsed.options).toMatchObject({ pythons: [], timeoutMs: 10_000 });
    expect(parsed.kind === "run" && parsed.options.jobs).toBeLessThanOrEqual(4);
  });

  it("rejects a flag value that is missing or not a positive number", () => {
    expect(parseVerifyArgs(["--python", "--timeout", "1"])).toEqual({ kind: "error", message: "--python needs a value (the path of an interpreter)" });
    expect(parseVerifyArgs(["--jobs", "1.5"])).toEqual({ kind: "error", message: '--jobs needs a positive whole number, got "1.5"' });
    expect(parseVerifyArgs(["--timeout=-1"])).toEqual({ kind: "error", message: '--timeout needs a positive number, got "-1"' });
  });
});

describe("planRuns and the result table", () => {
  const found = [interpreter("2.7.18"), interpreter("3.11.2"), interpreter("3.11.7"), interpreter("3.12.1")];

  it("runs each question only where its range allows, and skips those no interpreter fits", () => {
    const plan = planRuns([question("t/any"), question("t/modern", ">=3.12"), question("t/ancient", "<2.0")], found);
    expect(plan.runs.map((r) => `${r.question.id}@${r.interpreter.versionText}`)).toEqual([
      "t/any@2.7.18",
      "t/any@3.11.2",
      "t/any@3.11.7",
      "t/any@3.12.1",
      "t/modern@3.12.1",
    ]);
    expect(plan.skipped.map((q) => q.id)).toEqual(["t/ancient"]);
  });

  it("labels columns major.minor unless two interpreters share it", () => {
    expect([...versionLabels(found).values()]).toEqual(["2.7", "3.11.2", "3.11.7", "3.12"]);
  });

  it("fills cells with ok, FAIL, crash, timeout and - for out of range", () => {
    const q = question("t/q", ">=3");
    const [, py311a, py311b, py312] = found as [Interpreter, Interpreter, Interpreter, Interpreter];
    const results: RunResult[] = [
      { question: q, interpreter: py311a, outcome: { kind: "ok" } },
      { question: q, interpreter: py311b, outcome: { kind: "mismatch", stdout: "2\n" } },
      { question: q, interpreter: py312, outcome: { kind: "timeout", stderr: "" } },
    ];
    expect(formatResultTable([q], found, results)).toBe(
      ["question  2.7  3.11.2  3.11.7  3.12", "--------  ---  ------  ------  -------", "t/q       -    ok      FAIL    timeout"].join("\n"),
    );
  });
});

describe("judgeRun", () => {
  const base: SnippetRun = { stdout: "1\n", stderr: "", exitCode: 0, signal: null, timedOut: false, overflowed: false };

  it("passes only an exact match with exit code 0", () => {
    expect(judgeRun(base, "1\n")).toEqual({ kind: "ok" });
    expect(judgeRun(base, "1")).toEqual({ kind: "mismatch", stdout: "1\n" });
  });

  it("treats a non-zero exit as a crash even when the output matches", () => {
    expect(judgeRun({ ...base, exitCode: 1, stderr: "boom" }, "1\n")).toEqual({ kind: "crash", reason: "exit code 1", stderr: "boom" });
    expect(judgeRun({ ...base, exitCode: null, signal: "SIGSEGV" }, "1\n")).toMatchObject({ kind: "crash", reason: "killed by SIGSEGV" });
  });

  it("reports a timeout before anything else", () => {
    expect(judgeRun({ ...base, exitCode: null, signal: "SIGKILL", timedOut: true }, "1\n")).toEqual({ kind: "timeout", stderr: "" });
  });
});

describe("snippet isolation", () => {
  it("passes only PATH from the caller's environment", () => {
    const env = snippetEnv({ PATH: "/usr/bin", HOME: "/root", PYTHONPATH: "/evil", PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" });
    expect(env).toEqual({ PATH: "/usr/bin", PYTHONIOENCODING: "utf-8", LC_ALL: "C.UTF-8", PYTHONHASHSEED: "0" });
  });

  it("uses -I where the interpreter knows it (3.4+) and -s before that", () => {
    expect(isolationFlags([2, 7, 18])).toEqual(["-s"]);
    expect(isolationFlags([3, 3, 7])).toEqual(["-s"]);
    expect(isolationFlags([3, 4, 0])).toEqual(["-I"]);
    expect(isolationFlags([3, 13, 0])).toEqual(["-I"]);
  });
});

describe("progress", () => {
  it("prints about every tenth of the runs when not on a terminal", () => {
    const lines: string[] = [];
    const progress = createProgress((text) => lines.push(text), false, 95);
    for (let i = 0; i < 95; i++) progress.step(i === 3);
    progress.finish();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe("verify 10/95 runs · 1 failed\n");
    expect(lines.at(-1)).toBe("verify 95/95 runs · 1 failed\n");
  });

  it("rewrites one line on a terminal and clears it at the end", () => {
    const out: string[] = [];
    const progress = createProgress((text) => out.push(text), true, 2);
    progress.step(false);
    progress.step(true);
    progress.finish();
    expect(out).toEqual(["\rverify 1/2 runs · 0 failed\x1b[K", "\rverify 2/2 runs · 1 failed\x1b[K", "\r\x1b[K"]);
  });
});
