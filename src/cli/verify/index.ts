/**
 * `memquiz verify [DIR] [--python PATH ...]`: runs every code question of the
 * bank on real CPython interpreters and compares what it prints with the
 * question's `stdout`.
 */
import { formatIssue, type Bank } from "../../core/bank/index.ts";
import { loadBankFromDir, QuestionFolderError } from "../../storage/question-files.ts";
import { parseVerifyArgs, VERIFY_USAGE, type VerifyOptions } from "./args.ts";
import { dedupeByVersion, discoverPythons, probeAll, resolvePythonArg, type Interpreter } from "./find-pythons.ts";
import { createProgress } from "./progress.ts";
import { createReaper } from "./reaper.ts";
import { formatFailures, formatInterpreters, formatResultTable, formatSummary } from "./report.ts";
import { codeQuestions, planRuns, runAll } from "./run-all.ts";

export { parseVerifyArgs, type VerifyOptions } from "./args.ts";
export { formatDiff } from "./diff.ts";
export { discoverPythons, type Interpreter } from "./find-pythons.ts";

/** What verify may touch: output, whether stderr is a terminal, the environment, and the default folder. */
export interface VerifyIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether progress goes to a terminal (then one line is rewritten in place). */
  readonly isTTY: boolean;
  /** The caller's environment: PATH, HOME and PYENV_ROOT for discovery; only PATH reaches snippets. */
  readonly env: NodeJS.ProcessEnv;
  /** The questions folder used when no DIR is given. */
  readonly defaultDir: string;
}

/** Interpreters to use, or why verify can't go on (exit 2). */
type Interpreters = { readonly ok: true; readonly list: Interpreter[] } | { readonly ok: false; readonly message: string };

async function explicitInterpreters(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Interpreters> {
  const paths: string[] = [];
  for (const arg of args) {
    const resolved = resolvePythonArg(arg, env);
    if (!resolved.ok) return { ok: false, message: `--python ${resolved.reason}` };
    paths.push(resolved.path);
  }
  const probes = await probeAll(paths, env);
  const list: Interpreter[] = [];
  for (const [index, probe] of probes.entries()) {
    if (!probe.ok) return { ok: false, message: `--python ${paths[index] ?? ""} is not a working Python: ${probe.reason}` };
    list.push(probe.interpreter);
  }
  return { ok: true, list: dedupeByVersion(list) };
}

async function findInterpreters(options: VerifyOptions, env: NodeJS.ProcessEnv): Promise<Interpreters> {
  if (options.pythons.length > 0) return explicitInterpreters(options.pythons, env);
  const list = await discoverPythons(env);
  if (list.length > 0) return { ok: true, list };
  const roots = [env.PYENV_ROOT, env.HOME ? `${env.HOME}/.pyenv` : undefined].filter((root) => root !== undefined && root !== "");
  const pyenv = roots.map((root) => `${root}/versions`).join(" or ");
  return {
    ok: false,
    message:
      "no Python interpreter found: looked for python3.N, python3 and python on PATH" +
      (pyenv ? ` and in ${pyenv}` : "") +
      ". Install CPython, or name one with --python PATH.",
  };
}

/** Loads the bank, or prints why it can't and gives the exit code. */
function loadBank(dir: string, io: VerifyIo): Bank | number {
  let result;
  try {
    result = loadBankFromDir(dir);
  } catch (error) {
    if (!(error instanceof QuestionFolderError)) throw error;
    io.stderr(`memquiz verify: ${error.message}\n`);
    return 2;
  }
  if (!result.ok) {
    for (const issue of result.errors) io.stderr(`${formatIssue(issue)}\n`);
    io.stderr(`\n${result.errors.length} error(s) in ${dir}; the bank was not loaded, so nothing was verified. See memquiz validate.\n`);
    return 1;
  }
  return result.bank;
}

/**
 * Runs `memquiz verify` with the arguments after the command name and returns
 * the exit code: 0 when every run printed exactly the expected output, 1 on a
 * wrong output, crash or timeout (or a bank that doesn't load), 2 on bad
 * arguments or when no interpreter is found.
 */
export async function runVerify(args: string[], io: VerifyIo): Promise<number> {
  const parsed = parseVerifyArgs(args);
  if (parsed.kind === "help") {
    io.stdout(`${parsed.text}\n`);
    return 0;
  }
  if (parsed.kind === "error") {
    io.stderr(`memquiz verify: ${parsed.message}\n${VERIFY_USAGE}\n`);
    return 2;
  }
  const options = parsed.options;
  const dir = options.dir ?? io.defaultDir;
  const bank = loadBank(dir, io);
  if (typeof bank === "number") return bank;

  const interpreters = await findInterpreters(options, io.env);
  if (!interpreters.ok) {
    io.stderr(`memquiz verify: ${interpreters.message}\n`);
    return 2;
  }
  const found = interpreters.list;
  io.stdout(`${formatInterpreters(found)}\n`);

  const questions = codeQuestions(bank);
  const plan = planRuns(questions, found);
  io.stdout(`\nRunning ${plan.checked.length} code question(s) from ${dir}: ${plan.runs.length} run(s), ${options.jobs} at a time, timeout ${options.timeoutMs / 1000} s.\n`);

  const started = performance.now();
  const progress = createProgress(io.stderr, io.isTTY, plan.runs.length);
  const reaper = createReaper();
  let results;
  try {
    results = await runAll(plan, {
      concurrency: options.jobs,
      timeoutMs: options.timeoutMs,
      env: io.env,
      reaper,
      onResult: (result) => progress.step(result.outcome.kind !== "ok"),
    });
  } finally {
    reaper.dispose();
    progress.finish();
  }
  const seconds = (performance.now() - started) / 1000;

  if (questions.length > 0) io.stdout(`\n${formatResultTable(questions, found, results)}\n`);
  const failures = formatFailures(results, found, options.timeoutMs);
  if (failures !== "") io.stdout(`\n${failures}\n`);
  io.stdout(`\n${formatSummary(plan, results, found, seconds)}\n`);
  return results.some((result) => result.outcome.kind !== "ok") ? 1 : 0;
}
