import { versionInRange, type Bank, type Question } from "../../core/bank/index.ts";
import type { Interpreter } from "./find-pythons.ts";
import { forEachLimit } from "./pool.ts";
import type { Reaper } from "./reaper.ts";
import { runSnippet, STDOUT_LIMIT, type SnippetRun } from "./run-snippet.ts";

/** A question that verify can run: it has both `code` and `stdout`. */
export type CodeQuestion = Question & { readonly code: string; readonly stdout: string };

/** The verdict on one run. */
export type Outcome =
  | { readonly kind: "ok" }
  | { readonly kind: "mismatch"; readonly stdout: string }
  | { readonly kind: "crash"; readonly reason: string; readonly stderr: string }
  | { readonly kind: "timeout"; readonly stderr: string };

/** One question run on one interpreter, with its verdict. */
export interface RunResult {
  readonly question: CodeQuestion;
  readonly interpreter: Interpreter;
  readonly outcome: Outcome;
}

/** What to run: every code question on every interpreter inside its `python` range. */
export interface RunPlan {
  readonly runs: readonly { readonly question: CodeQuestion; readonly interpreter: Interpreter }[];
  /** Code questions with at least one interpreter in range, in bank order. */
  readonly checked: readonly CodeQuestion[];
  /** Code questions whose range excludes every interpreter found. */
  readonly skipped: readonly CodeQuestion[];
}

/** The questions of a bank that have code and an expected output, in bank order. */
export function codeQuestions(bank: Bank): CodeQuestion[] {
  return bank.questions.filter((q): q is CodeQuestion => q.code !== undefined && q.stdout !== undefined);
}

/** Pairs each code question with the interpreters whose version lies inside its range. */
export function planRuns(questions: readonly CodeQuestion[], interpreters: readonly Interpreter[]): RunPlan {
  const runs: RunPlan["runs"][number][] = [];
  const checked: CodeQuestion[] = [];
  const skipped: CodeQuestion[] = [];
  for (const question of questions) {
    const inRange = interpreters.filter((interpreter) => versionInRange(interpreter.version, question.python));
    (inRange.length > 0 ? checked : skipped).push(question);
    for (const interpreter of inRange) runs.push({ question, interpreter });
  }
  return { runs, checked, skipped };
}

/**
 * Judges a finished run against the expected output. A non-zero exit is a
 * crash even when the output matches: quiz snippets are meant to finish
 * cleanly, and a traceback on stderr would be part of what a learner sees.
 */
export function judgeRun(run: SnippetRun, expected: string): Outcome {
  if (run.spawnError !== undefined) return { kind: "crash", reason: `could not start: ${run.spawnError}`, stderr: "" };
  if (run.timedOut) return { kind: "timeout", stderr: run.stderr };
  if (run.overflowed) {
    return { kind: "crash", reason: `printed more than ${STDOUT_LIMIT / 1024 / 1024} MiB; stopped`, stderr: run.stderr };
  }
  if (run.exitCode !== 0) {
    const reason = run.signal !== null ? `killed by ${run.signal}` : `exit code ${String(run.exitCode)}`;
    return { kind: "crash", reason, stderr: run.stderr };
  }
  return run.stdout === expected ? { kind: "ok" } : { kind: "mismatch", stdout: run.stdout };
}

/** Options for running a plan. */
export interface RunAllOptions {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly env: NodeJS.ProcessEnv;
  readonly reaper?: Reaper;
  /** Called after each run finishes, in completion order. */
  readonly onResult?: (result: RunResult) => void;
}

/** Runs every planned run, a few at a time; the results come back in plan order. */
export async function runAll(plan: RunPlan, options: RunAllOptions): Promise<RunResult[]> {
  const results = new Array<RunResult>(plan.runs.length);
  await forEachLimit(plan.runs, options.concurrency, async ({ question, interpreter }, index) => {
    const run = await runSnippet(interpreter, question.code, {
      timeoutMs: options.timeoutMs,
      env: options.env,
      ...(options.reaper ? { reaper: options.reaper } : {}),
    });
    const result = { question, interpreter, outcome: judgeRun(run, question.stdout) };
    results[index] = result;
    options.onResult?.(result);
  });
  return results;
}
