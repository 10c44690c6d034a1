import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { startMemquiz, type RunningMemquiz } from "../../src/boot.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram/index.ts";
import { createFakeTime } from "./fake-time.ts";
import { until } from "./until.ts";

/** memquiz started through the same entry as `npm start`, against a fake Bot API, with a fake clock. */
export interface TelegramBotHarness {
  readonly fake: FakeTelegram;
  readonly memquiz: RunningMemquiz;
  readonly time: ReturnType<typeof createFakeTime>;
  readonly logs: string[];
  /** Waits (on I/O, not on the clock) until `check` holds; advances the fake clock by `stepMs` between tries. */
  until<T>(check: () => T | undefined | false, what: string, stepMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Starts the fake Bot API and memquiz on it; extra environment variables may be given. */
export async function startTelegramHarness(env: Record<string, string> = {}): Promise<TelegramBotHarness> {
  const fake = await startFakeTelegram();
  const dir = mkdtempSync(join(tmpdir(), "memquiz-tg-"));
  const time = createFakeTime();
  const logs: string[] = [];
  const started = await startMemquiz({
    env: {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      MEMQUIZ_DB: join(dir, "memquiz.db"),
      MEMQUIZ_QUESTIONS: "test/fixtures/bank/game",
      LOG_LEVEL: "debug",
      ...env,
    },
    clock: time.clock,
    rng: createSeededRng(11),
    timers: time.timers,
    stdin: Readable.from([]),
    stdout: new Writable({ write: (_chunk, _enc, done) => done() }),
    writeError: (line) => logs.push(line),
    stdinIsTTY: false,
  });
  if (typeof started === "number") {
    await fake.close();
    throw new Error(`memquiz did not start (exit ${started}):\n${logs.join("\n")}`);
  }
  const memquiz = started;
  return {
    fake,
    memquiz,
    time,
    logs,
    until: (check, what, stepMs = 0) =>
      until(check, what, {
        stepMs,
        advance: (ms) => time.advance(ms),
        context: () => `calls: ${fake.calls.map((c) => c.method).join(", ")}\nlogs:\n${logs.join("\n")}`,
      }),
    async close() {
      await memquiz.stop();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
