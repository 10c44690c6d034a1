import { availableParallelism } from "node:os";

/** The usage line of `memquiz verify`, shown with argument errors and `--help`. */
export const VERIFY_USAGE = "usage: memquiz verify [DIR] [--python PATH ...] [--timeout SECONDS] [--jobs N]";

const HELP = `${VERIFY_USAGE}

Runs every question that has code and stdout under each CPython interpreter
whose version is inside the question's python range, and compares the output.

  DIR                the questions folder (default: the configured one)
  --python PATH      use this interpreter instead of searching PATH and pyenv;
                     repeat it for several (a bare name is looked up on PATH)
  --timeout SECONDS  stop a snippet after this long (default 10)
  --jobs N           snippets run at once (default: CPUs, at most 4)

Exit code: 0 all passed, 1 a wrong output, crash or timeout (or a broken bank),
2 bad arguments or no interpreter found.`;

/** The options of one verify run, after parsing the command line. */
export interface VerifyOptions {
  /** The questions folder, when given. */
  readonly dir?: string;
  /** Interpreters named with `--python`; empty means "discover them". */
  readonly pythons: readonly string[];
  readonly timeoutMs: number;
  readonly jobs: number;
}

/** The parsed command line, a request for help, or what is wrong with it. */
export type ParsedArgs =
  | { readonly kind: "run"; readonly options: VerifyOptions }
  | { readonly kind: "help"; readonly text: string }
  | { readonly kind: "error"; readonly message: string };

/** Snippets run at once by default: one per CPU, at most 4. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function positiveNumber(flag: string, text: string, integer: boolean): number | string {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    return `${flag} needs a positive ${integer ? "whole number" : "number"}, got "${text}"`;
  }
  return value;
}

/**
 * Parses `memquiz verify` arguments: `--flag value` and `--flag=value`, one
 * optional DIR, and `--` to end the flags. Unknown flags and missing values
 * are errors (exit 2), never ignored.
 */
export function parseVerifyArgs(args: readonly string[]): ParsedArgs {
  const pythons: string[] = [];
  const positionals: string[] = [];
  let timeoutMs = 10_000;
  let jobs = defaultJobs();
  let flagsDone = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (flagsDone || !arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      flagsDone = true;
      continue;
    }
    if (arg === "-h" || arg === "--help") return { kind: "help", text: HELP };
    const eq = arg.indexOf("=");
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (flag !== "--python" && flag !== "--timeout" && flag !== "--jobs") {
      return { kind: "error", message: `unknown option "${flag}"` };
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < args.length && !(args[i + 1] ?? "").startsWith("--")) value = args[++i];
    if (value === undefined || value === "") {
      return { kind: "error", message: `${flag} needs a value (${flag === "--python" ? "the path of an interpreter" : flag === "--timeout" ? "seconds" : "a number"})` };
    }
    if (flag === "--python") {
      pythons.push(value);
    } else {
      const parsed = positiveNumber(flag, value, flag === "--jobs");
      if (typeof parsed === "string") return { kind: "error", message: parsed };
      if (flag === "--timeout") timeoutMs = Math.round(parsed * 1000);
      else jobs = parsed;
    }
  }
  if (positionals.length > 1) {
    return { kind: "error", message: `expected at most one DIR, got ${positionals.map((p) => `"${p}"`).join(", ")}` };
  }
  const dir = positionals[0];
  return { kind: "run", options: { ...(dir !== undefined ? { dir } : {}), pythons, timeoutMs, jobs } };
}
