import { formatTable } from "../../core/render/table.ts";
import { formatDiff } from "./diff.ts";
import type { Interpreter } from "./find-pythons.ts";
import type { CodeQuestion, Outcome, RunPlan, RunResult } from "./run-all.ts";

const STDERR_TAIL_LINES = 12;
const CELL: Record<Outcome["kind"], string> = { ok: "ok", mismatch: "FAIL", crash: "crash", timeout: "timeout" };

/**
 * Short column labels for interpreters: `3.12` when only one interpreter has
 * that major.minor, else the full `3.11.2` / `3.11.7` so they stay apart.
 */
export function versionLabels(interpreters: readonly Interpreter[]): Map<Interpreter, string> {
  const short = (i: Interpreter) => i.version.slice(0, 2).join(".");
  const counts = new Map<string, number>();
  for (const interpreter of interpreters) counts.set(short(interpreter), (counts.get(short(interpreter)) ?? 0) + 1);
  return new Map(interpreters.map((i) => [i, counts.get(short(i)) === 1 ? short(i) : i.versionText]));
}

/** The list of interpreters found, printed before anything runs. */
export function formatInterpreters(interpreters: readonly Interpreter[]): string {
  const width = Math.max(...interpreters.map((i) => i.versionText.length));
  const lines = interpreters.map((i) => `  ${i.versionText.padEnd(width)}  ${i.path}`);
  const versions = [...versionLabels(interpreters).values()].join(", ");
  return [`Found ${interpreters.length} Python interpreter(s): ${versions}`, ...lines].join("\n");
}

/** The question × interpreter table: `ok`, `FAIL`, `crash`, `timeout`, or `-` where the range excludes it. */
export function formatResultTable(questions: readonly CodeQuestion[], interpreters: readonly Interpreter[], results: readonly RunResult[]): string {
  const labels = versionLabels(interpreters);
  const cells = new Map<CodeQuestion, Map<Interpreter, string>>();
  for (const { question, interpreter, outcome } of results) {
    const row = cells.get(question) ?? new Map<Interpreter, string>();
    row.set(interpreter, CELL[outcome.kind]);
    cells.set(question, row);
  }
  const rows = questions.map((q) => [q.id, ...interpreters.map((i) => cells.get(q)?.get(i) ?? "-")]);
  return formatTable(["question", ...interpreters.map((i) => labels.get(i) ?? i.versionText)], rows);
}

function where(question: CodeQuestion): string {
  return `${question.location.file}:${question.location.line}`;
}

function tail(text: string): string[] {
  const lines = text.replace(/\s+$/, "").split("\n");
  if (lines.length === 1 && lines[0] === "") return ["  (nothing on stderr)"];
  const kept = lines.slice(-STDERR_TAIL_LINES).map((line) => `  | ${line}`);
  return lines.length > STDERR_TAIL_LINES ? ["  | …", ...kept] : kept;
}

/** Groups failed runs of one question that failed the same way, so each diff or traceback is shown once. */
function groupFailures(failures: readonly RunResult[]): { outcome: Outcome; interpreters: Interpreter[] }[] {
  const groups = new Map<string, { outcome: Outcome; interpreters: Interpreter[] }>();
  for (const { interpreter, outcome } of failures) {
    const key = JSON.stringify(outcome);
    const group = groups.get(key) ?? { outcome, interpreters: [] };
    group.interpreters.push(interpreter);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Details for every failed run, question by question: a diff for a wrong
 * output, the end of stderr for a crash or a timeout. Runs that failed the
 * same way on several versions are shown once, naming all of them.
 */
export function formatFailures(results: readonly RunResult[], interpreters: readonly Interpreter[], timeoutMs: number): string {
  const labels = versionLabels(interpreters);
  const byQuestion = new Map<CodeQuestion, RunResult[]>();
  for (const result of results) {
    if (result.outcome.kind === "ok") continue;
    byQuestion.set(result.question, [...(byQuestion.get(result.question) ?? []), result]);
  }
  const blocks: string[] = [];
  for (const [question, failures] of byQuestion) {
    for (const { outcome, interpreters: on } of groupFailures(failures)) {
      const versions = on.map((i) => labels.get(i) ?? i.versionText).join(", ");
      const head = `${CELL[outcome.kind]} ${question.id} on Python ${versions} (${where(question)})`;
      switch (outcome.kind) {
        case "mismatch":
          blocks.push([`${head}: wrong output`, formatDiff(question.stdout, outcome.stdout, { expected: "expected (stdout in the question)", actual: `actual (Python ${versions})` })].join("\n"));
          break;
        case "crash":
          blocks.push([`${head}: ${outcome.reason}`, ...tail(outcome.stderr)].join("\n"));
          break;
        case "timeout":
          blocks.push([`${head}: still running after ${timeoutMs / 1000} s; killed`, ...(outcome.stderr.trim() ? tail(outcome.stderr) : [])].join("\n"));
          break;
        case "ok":
          break;
      }
    }
  }
  return blocks.join("\n\n");
}

/** The counts that the summary line reports. */
export interface VerifyTotals {
  readonly runs: number;
  readonly ok: number;
  readonly mismatch: number;
  readonly crash: number;
  readonly timeout: number;
}

/** Counts the outcomes of all runs. */
export function countOutcomes(results: readonly RunResult[]): VerifyTotals {
  const count = (kind: Outcome["kind"]) => results.filter((r) => r.outcome.kind === kind).length;
  return { runs: results.length, ok: count("ok"), mismatch: count("mismatch"), crash: count("crash"), timeout: count("timeout") };
}

/**
 * The closing lines: one summary line, the questions that could not be
 * checked on any interpreter found, and every failed question with the
 * versions it failed on, so the end of a CI log says what to fix.
 */
export function formatSummary(plan: RunPlan, results: readonly RunResult[], interpreters: readonly Interpreter[], seconds: number): string {
  const totals = countOutcomes(results);
  const labels = versionLabels(interpreters);
  const lines = [
    `verify: ${totals.runs} run(s) of ${plan.checked.length} question(s) on ${interpreters.length} interpreter(s) in ${seconds.toFixed(1)} s: ` +
      `${totals.ok} ok, ${totals.mismatch} FAIL, ${totals.crash} crash, ${totals.timeout} timeout`,
  ];
  if (plan.skipped.length > 0) {
    const found = [...labels.values()].join(", ");
    lines.push(`skipped ${plan.skipped.length} question(s): no interpreter found inside the range (found ${found}):`);
    for (const q of plan.skipped) lines.push(`  ${q.id} (python "${q.python?.text ?? ""}")`);
  }
  const failedQuestions = new Map<CodeQuestion, Map<Outcome["kind"], string[]>>();
  for (const { question, interpreter, outcome } of results) {
    if (outcome.kind === "ok") continue;
    const kinds = failedQuestions.get(question) ?? new Map<Outcome["kind"], string[]>();
    kinds.set(outcome.kind, [...(kinds.get(outcome.kind) ?? []), labels.get(interpreter) ?? interpreter.versionText]);
    failedQuestions.set(question, kinds);
  }
  if (failedQuestions.size === 0) {
    const none = plan.skipped.length === 0 ? "the bank has no code questions" : "no code question is in range of the interpreters found";
    lines.push(totals.runs > 0 ? "All runs passed." : `Nothing was run: ${none}.`);
  } else {
    lines.push(`FAILED: ${failedQuestions.size} question(s):`);
    for (const [question, kinds] of failedQuestions) {
      const what = [...kinds].map(([kind, versions]) => `${CELL[kind]} on ${versions.join(", ")}`).join("; ");
      lines.push(`  ${question.id}: ${what}`);
    }
  }
  return lines.join("\n");
}
