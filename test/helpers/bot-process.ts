import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root, where `src/main.ts` runs from. */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** How a bot process ended. */
export interface BotExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** The real memquiz process (`node --import tsx src/main.ts`), as a test drives it. */
export interface BotProcess {
  readonly pid: number;
  /** Every stderr line so far (memquiz logs to stderr). */
  readonly lines: readonly string[];
  /** Resolves when the process has exited. */
  readonly exited: Promise<BotExit>;
  /** Whether it has exited. */
  readonly done: boolean;
  /** Sends a signal (ignored once the process is gone). */
  signal(name: NodeJS.Signals): void;
  /** Resolves with the first stderr line that matches, or throws with the output after `timeoutMs` or when the process exits first. */
  waitForLine(match: RegExp, timeoutMs?: number): Promise<string>;
}

const live = new Set<ChildProcess>();

// A failing test must never leave a bot running.
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/**
 * Starts memquiz as its own process from the repository root, with `env`
 * over this process's environment and debug logging. Every process is killed
 * by {@link killAllBots} or, at the latest, when the test run exits.
 */
export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "debug", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  live.add(child);
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let partial = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  let done = false;
  const exited = new Promise<BotExit>((resolve) => {
    child.once("exit", (code, signal) => {
      done = true;
      live.delete(child);
      if (partial) lines.push(partial);
      partial = "";
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });
  return {
    pid: child.pid ?? -1,
    lines,
    exited,
    get done() {
      return done;
    },
    signal(name) {
      if (!done) child.kill(name);
    },
    waitForLine(match, timeoutMs = 20_000) {
      return new Promise<string>((resolve, reject) => {
        const check = () => {
          const found = lines.find((line) => match.test(line));
          if (found !== undefined) finish(() => resolve(found));
          else if (done) finish(() => reject(new Error(`memquiz exited before logging ${match}:\n${lines.join("\n")}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`memquiz did not log ${match} within ${timeoutMs} ms:\n${lines.join("\n")}`))), timeoutMs);
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Kills every bot process still running (SIGKILL) and waits for them to go. */
export async function killAllBots(): Promise<void> {
  const children = [...live];
  for (const child of children) child.kill("SIGKILL");
  await Promise.all(children.map((child) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((r) => child.once("exit", r)))));
}

/** Waits (real time) until `check` returns something truthy; throws with `context()` after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 20_000, context: () => string = () => ""): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
