import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { startMemquiz, type RunningMemquiz } from "../../src/boot.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { createFakeTime } from "./fake-time.ts";
import { until } from "./until.ts";

/** memquiz started in this process through the same entry as `npm start`, with a fake clock and a temp database. */
export interface InProcessMemquiz {
  readonly memquiz: RunningMemquiz;
  readonly time: ReturnType<typeof createFakeTime>;
  /** Everything memquiz logged. */
  readonly logs: string[];
  /** Waits on I/O until `check` holds, advancing the fake clock by `stepMs` between tries. */
  until<T>(check: () => T | undefined | false, what: string, stepMs?: number): Promise<T>;
  /** Stops memquiz and removes the temp database. */
  close(): Promise<void>;
}

/**
 * Starts memquiz with the given environment (on the small game bank, debug
 * logging, a seeded random source); `describe` adds the platform's view to
 * timeout messages. Throws with the logs when start-up fails.
 */
export async function startInProcess(
  env: Record<string, string>,
  options: { seed: number; describe: () => string; time?: ReturnType<typeof createFakeTime> },
): Promise<InProcessMemquiz> {
  const dir = mkdtempSync(join(tmpdir(), "memquiz-e2e-"));
  const time = options.time ?? createFakeTime();
  const logs: string[] = [];
  const started = await startMemquiz({
    env: { MEMQUIZ_DB: join(dir, "memquiz.db"), MEMQUIZ_QUESTIONS: "test/fixtures/bank/game", LOG_LEVEL: "debug", ...env },
    clock: time.clock,
    rng: createSeededRng(options.seed),
    timers: time.timers,
    stdin: Readable.from([]),
    stdout: new Writable({ write: (_chunk, _enc, done) => done() }),
    writeError: (line) => logs.push(line),
    stdinIsTTY: false,
  });
  if (typeof started === "number") {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`memquiz did not start (exit ${started}):\n${logs.join("\n")}`);
  }
  return {
    memquiz: started,
    time,
    logs,
    until: (check, what, stepMs = 0) =>
      until(check, what, { stepMs, advance: (ms) => time.advance(ms), context: () => `${options.describe()}\nlogs:\n${logs.join("\n")}` }),
    async close() {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts memquiz in this process against a fake platform server that is
 * already running; the harness's `close` stops both, and a failed start
 * stops the fake.
 */
export async function startAgainstFake<F extends { close(): Promise<void> }>(
  fake: F,
  env: Record<string, string>,
  options: { seed: number; describe: () => string; time?: ReturnType<typeof createFakeTime> },
): Promise<InProcessMemquiz & { readonly fake: F }> {
  try {
    const app = await startInProcess(env, options);
    return {
      ...app,
      fake,
      async close() {
        await app.close();
        await fake.close();
      },
    };
  } catch (error) {
    await fake.close();
    throw error;
  }
}
