import { execFile } from "node:child_process";
import { accessSync, constants, readdirSync, realpathSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { parseVersion } from "../../core/bank/index.ts";
import { forEachLimit } from "./pool.ts";

/** A CPython interpreter that verify runs snippets on. */
export interface Interpreter {
  /** `[major, minor, micro]`, as the interpreter reported it. */
  readonly version: readonly number[];
  /** The version as text, such as `3.12.1`. */
  readonly versionText: string;
  /** The executable to run: the interpreter's own `sys.executable` when it reports one. */
  readonly path: string;
}

/** What asking one executable for its version gave: an interpreter, or why not. */
export type ProbeResult =
  | { readonly ok: true; readonly interpreter: Interpreter }
  | { readonly ok: false; readonly reason: string };

// Prints the version and the real executable. Valid on Python 2.7 as well as
// 3.x. Resolving `sys.executable` turns a pyenv shim into the concrete
// interpreter it picked, so snippets later run without the shim's env needs.
const PROBE = "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)";
const PROBE_TIMEOUT_MS = 10_000;
const PROBE_CONCURRENCY = 8;
const MAX_MINOR = 20;

/** The command names searched on PATH, most specific first: `python3.20` … `python3.0`, `python3`, `python`. */
export function pythonNames(): string[] {
  const names: string[] = [];
  for (let minor = MAX_MINOR; minor >= 0; minor--) names.push(`python3.${minor}`);
  names.push("python3", "python");
  return process.platform === "win32" ? names.map((name) => `${name}.exe`) : names;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The directories on a PATH value, in order, without empty entries. */
function pathDirs(env: NodeJS.ProcessEnv): string[] {
  return (env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
}

/** Finds a command on the PATH of `env`, like `which`; undefined when it isn't there. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of pathDirs(env)) {
    const path = join(dir, name);
    if (isExecutableFile(path)) return path;
  }
  return undefined;
}

/**
 * Turns a `--python` argument into an executable path: a path must name an
 * executable file; a bare name (`python3.12`) is looked up on PATH.
 */
export function resolvePythonArg(arg: string, env: NodeJS.ProcessEnv): { ok: true; path: string } | { ok: false; reason: string } {
  if (!/[\\/]/.test(arg)) {
    const path = findOnPath(arg, env);
    return path ? { ok: true, path } : { ok: false, reason: `"${arg}" was not found on PATH` };
  }
  const path = resolve(arg);
  try {
    statSync(path);
  } catch {
    return { ok: false, reason: `${arg}: no such file` };
  }
  return isExecutableFile(path) ? { ok: true, path } : { ok: false, reason: `${arg} is not an executable file` };
}

/** The pyenv roots to look in: `$PYENV_ROOT` when set, and `~/.pyenv`. */
function pyenvRoots(env: NodeJS.ProcessEnv): string[] {
  const roots: string[] = [];
  if (env.PYENV_ROOT) roots.push(env.PYENV_ROOT);
  if (env.HOME) roots.push(join(env.HOME, ".pyenv"));
  return [...new Set(roots.map((root) => resolve(root)))];
}

/** The interpreters pyenv has installed: `<root>/versions/<name>/bin/python` (or `python3`, `python2`). */
function pyenvCandidates(env: NodeJS.ProcessEnv): string[] {
  const found: string[] = [];
  for (const root of pyenvRoots(env)) {
    let names: string[];
    try {
      names = readdirSync(join(root, "versions")).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const bin = join(root, "versions", name, "bin");
      const path = ["python", "python3", "python2"].map((exe) => join(bin, exe)).find(isExecutableFile);
      if (path) found.push(path);
    }
  }
  return found;
}

/**
 * Every executable that may be a Python: the `python*` names on PATH, then
 * pyenv's installed versions. Paths that are the same file are listed once.
 */
export function candidatePaths(env: NodeJS.ProcessEnv): string[] {
  const onPath = pathDirs(env).flatMap((dir) => pythonNames().map((name) => join(dir, name)).filter(isExecutableFile));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const path of [...onPath, ...pyenvCandidates(env)]) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(path);
  }
  return out;
}

/** Parses the probe's output (a version line, then the executable); undefined when it isn't a version. */
export function parseProbeOutput(output: string, path: string): Interpreter | undefined {
  const [first = "", second = ""] = output.split(/\r?\n/);
  const version = /^\d+\.\d+\.\d+$/.test(first.trim()) ? parseVersion(first) : undefined;
  if (!version) return undefined;
  const executable = second.trim();
  return {
    version,
    versionText: version.join("."),
    path: executable !== "" && isAbsolute(executable) ? executable : path,
  };
}

/** Runs one executable to ask for its exact version. `-E` keeps the caller's PYTHONPATH and friends out of it. */
export function probePython(path: string, env: NodeJS.ProcessEnv): Promise<ProbeResult> {
  return new Promise((done) => {
    execFile(
      path,
      ["-E", "-c", PROBE],
      { env, timeout: PROBE_TIMEOUT_MS, maxBuffer: 64 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr).trim().split("\n").pop() || error.message;
          done({ ok: false, reason: error.killed ? `gave no version within ${PROBE_TIMEOUT_MS / 1000} s` : detail });
          return;
        }
        const interpreter = parseProbeOutput(String(stdout), path);
        done(interpreter ? { ok: true, interpreter } : { ok: false, reason: `printed no Python version (got ${JSON.stringify(String(stdout).slice(0, 60))})` });
      },
    );
  });
}

/** Orders versions numerically: 3.9 before 3.10. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Keeps one interpreter per exact version (the first one listed), sorted by
 * version. A pyenv shim on PATH reports the same version as the pyenv install
 * it resolves to, so this is also what folds shims away.
 */
export function dedupeByVersion(interpreters: readonly Interpreter[]): Interpreter[] {
  const byVersion = new Map<string, Interpreter>();
  for (const interpreter of interpreters) {
    if (!byVersion.has(interpreter.versionText)) byVersion.set(interpreter.versionText, interpreter);
  }
  return [...byVersion.values()].sort((a, b) => compareVersions(a.version, b.version));
}

/** Probes several executables at once, keeping the answers in input order. */
export async function probeAll(paths: readonly string[], env: NodeJS.ProcessEnv): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array<ProbeResult>(paths.length);
  await forEachLimit(paths, PROBE_CONCURRENCY, async (path, index) => {
    results[index] = await probePython(path, env);
  });
  return results;
}

/**
 * Finds the CPython interpreters on PATH and in pyenv (see `candidatePaths`),
 * one per exact version, sorted by version. Executables that fail to report a
 * version (such as a pyenv shim for a version that isn't selected) are skipped.
 */
export async function discoverPythons(env: NodeJS.ProcessEnv): Promise<Interpreter[]> {
  const results = await probeAll(candidatePaths(env), env);
  return dedupeByVersion(results.flatMap((result) => (result.ok ? [result.interpreter] : [])));
}
