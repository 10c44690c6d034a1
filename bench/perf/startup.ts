/**
 * Start-up time: `npm start` as a whole child process (npm, tsx, the app),
 * console mode (no bot tokens), a fresh temp MEMQUIZ_DB, stdin a pipe with
 * nothing written to it, timed from spawn to the greeting line on stdout.
 * The child runs in its own process group, which is killed (SIGKILL, by the
 * group's pid) as soon as the greeting arrives; the run waits for it to exit.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { median, withTempDir, type Progress } from "./common.ts";

/** The first words of the console greeting (src/core/i18n/en.ts). */
export const GREETING = "Hi! I'm memquiz";

export interface StartupOptions {
  /** Two runs instead of five. */
  readonly quick?: boolean;
  readonly runs?: number;
  /** Give up on a run after this long (20 s). */
  readonly timeoutMs?: number;
  /** The repository root to run `npm start` in (the current folder). */
  readonly cwd?: string;
  readonly progress?: Progress;
}

export interface StartupResult {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly timesMs: readonly number[];
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One `npm start` up to the greeting; resolves with the milliseconds once the process group is gone. */
export function timeOneStart(options: { cwd: string; dbPath: string; timeoutMs: number }): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, MEMQUIZ_DB: options.dbPath, LANG: "en_US.UTF-8", LC_ALL: "", LC_MESSAGES: "" };
  // Console mode: no bot tokens (real variables win over a .env file, so unset ones could come from it).
  delete env.TELEGRAM_BOT_TOKEN;
  delete env.DISCORD_BOT_TOKEN;
  const start = performance.now();
  const child = spawn("npm", ["start", "--silent"], { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"], detached: true });
  const pid = child.pid;
  if (pid === undefined) return Promise.reject(new Error("npm start did not spawn"));
  return new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    let greetedAt: number | undefined;
    const kill = () => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`no greeting within ${options.timeoutMs} ms; stdout: ${out.slice(-500)} stderr: ${err.slice(-500)}`));
    }, options.timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (greetedAt !== undefined) return;
      out += chunk;
      if (out.includes(GREETING)) {
        greetedAt = performance.now() - start;
        kill();
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      err += chunk;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      kill();
      reject(error);
    });
    child.on("close", () => {
      clearTimeout(timer);
      // npm exiting does not mean its children did: make sure the whole group is gone.
      kill();
      const waitGone = (tries: number) => {
        if (!groupAlive(pid) || tries === 0) {
          if (greetedAt === undefined) reject(new Error(`npm start exited before the greeting; stdout: ${out.slice(-500)} stderr: ${err.slice(-500)}`));
          else resolve(greetedAt);
          return;
        }
        setTimeout(() => waitGone(tries - 1), 20);
      };
      waitGone(100);
    });
  });
}

/** Median of `runs` start-ups, each on its own fresh database. */
export async function measureStartup(options: StartupOptions = {}): Promise<StartupResult> {
  const runs = options.runs ?? (options.quick ? 2 : 5);
  const cwd = options.cwd ?? process.cwd();
  const progress = options.progress ?? (() => {});
  const dotenv = join(cwd, ".env");
  if (existsSync(dotenv) && /^\s*(TELEGRAM|DISCORD)_BOT_TOKEN\s*=\s*\S/m.test(readFileSync(dotenv, "utf8"))) {
    throw new Error(".env sets a bot token: the start-up benchmark would connect to a real platform");
  }
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const ms = await withTempDir("memquiz-startup-", (dir) =>
      timeOneStart({ cwd, dbPath: join(dir, "memquiz.db"), timeoutMs: options.timeoutMs ?? 20_000 }),
    );
    progress(`bench: npm start ${run + 1}/${runs}: greeting after ${ms.toFixed(0)} ms`);
    times.push(ms);
  }
  return { runs, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), timesMs: times };
}

/** `tsx bench/perf/startup.ts [--quick]`: prints the figures. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureStartup({ quick: process.argv.includes("--quick"), progress: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
