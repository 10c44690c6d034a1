import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import type { Interpreter } from "./find-pythons.ts";
import { killTree, type Reaper } from "./reaper.ts";

/** How one snippet run ended, before its output is compared with the expected one. */
export interface SnippetRun {
  readonly stdout: string;
  /** The last part of stderr (at most `STDERR_KEEP` characters). */
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Killed because it ran longer than the timeout. */
  readonly timedOut: boolean;
  /** Killed because it printed more than `STDOUT_LIMIT` bytes. */
  readonly overflowed: boolean;
  /** Set when the interpreter could not be started at all. */
  readonly spawnError?: string;
}

/** Options for one run. */
export interface RunSnippetOptions {
  readonly timeoutMs: number;
  /** The caller's environment: only PATH is taken from it. */
  readonly env: NodeJS.ProcessEnv;
  readonly reaper?: Reaper;
}

/** The most stdout a snippet may print before it is stopped: quiz output is a few lines. */
export const STDOUT_LIMIT = 1024 * 1024;
const STDERR_KEEP = 16 * 1024;

/**
 * The environment a snippet runs in: nothing from the caller but PATH, so a
 * developer's PYTHONPATH, PYTHONUNBUFFERED or PYTHONDONTWRITEBYTECODE can't
 * change the output; UTF-8 output and a fixed hash seed where the interpreter
 * honours them. `-I` makes 3.4+ ignore every PYTHON* variable, so there string
 * hashing stays randomized, as on a learner's machine: a snippet whose output
 * depends on the order of a set of strings fails now and then, as it should.
 */
export function snippetEnv(callerEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PYTHONIOENCODING: "utf-8", LC_ALL: "C.UTF-8", PYTHONHASHSEED: "0" };
  if (callerEnv.PATH !== undefined) env.PATH = callerEnv.PATH;
  // Windows can't start a process without these.
  for (const name of ["SYSTEMROOT", "SystemRoot", "WINDIR"]) {
    const value = callerEnv[name];
    if (process.platform === "win32" && value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * The flags that isolate a snippet from the user's setup: `-I` (isolated
 * mode) on Python 3.4 and later; older interpreters don't know `-I`, so they
 * get `-s` (no user site-packages) and rely on the clean environment.
 */
export function isolationFlags(version: readonly number[]): string[] {
  const [major = 0, minor = 0] = version;
  return major > 3 || (major === 3 && minor >= 4) ? ["-I"] : ["-s"];
}

/** The source file as written to disk: Python 2 needs a coding line for non-ASCII source. */
function sourceFor(code: string, version: readonly number[]): string {
  const needsCoding = (version[0] ?? 3) < 3 && /[^\x00-\x7f]/.test(code);
  return needsCoding ? `# -*- coding: utf-8 -*-\n${code}` : code;
}

/**
 * Runs one snippet under one interpreter: the code goes into a file in a fresh
 * temporary folder, which is also the working directory, and is removed
 * afterwards. Stdin is closed. Past the timeout, the process and everything it
 * started are killed.
 */
export async function runSnippet(interpreter: Interpreter, code: string, options: RunSnippetOptions): Promise<SnippetRun> {
  const dir = await mkdtemp(join(tmpdir(), "memquiz-verify-"));
  try {
    const file = join(dir, "snippet.py");
    await writeFile(file, sourceFor(code, interpreter.version), "utf8");
    const run = await runProcess(interpreter.path, [...isolationFlags(interpreter.version), file], dir, options);
    // Tracebacks name the temporary file; without its random folder, runs that
    // failed the same way read the same and are reported once.
    return { ...run, stderr: run.stderr.split(dir + sep).join("") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runProcess(command: string, args: string[], cwd: string, options: RunSnippetOptions): Promise<SnippetRun> {
  return new Promise((done) => {
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    let timedOut = false;
    let overflowed = false;
    let settled = false;
    const child = spawn(command, args, {
      cwd,
      env: snippetEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32",
      windowsHide: true,
    });
    options.reaper?.track(child, cwd);
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, options.timeoutMs);
    const finish = (run: Omit<SnippetRun, "stdout" | "stderr" | "timedOut" | "overflowed">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.reaper?.release(child);
      done({ ...run, stdout: Buffer.concat(stdout).toString("utf8"), stderr, timedOut, overflowed });
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > STDOUT_LIMIT) {
        if (!overflowed) killTree(child);
        overflowed = true;
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    // Whatever the snippet left running in its group (a forked child holding
    // the pipes open) goes with it, so `close` comes promptly.
    child.on("exit", () => killTree(child));
    child.on("error", (error) => finish({ exitCode: null, signal: null, spawnError: error.message }));
    child.on("close", (exitCode, signal) => finish({ exitCode, signal }));
  });
}
