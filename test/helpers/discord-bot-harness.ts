import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { startMemquiz, type RunningMemquiz } from "../../src/boot.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fakes/discord/index.ts";
import { createFakeTime } from "./fake-time.ts";
import { until } from "./until.ts";

/** memquiz started through the same entry as `npm start`, against a fake Discord, with a fake clock. */
export interface DiscordBotHarness {
  readonly fake: FakeDiscord;
  readonly memquiz: RunningMemquiz;
  readonly time: ReturnType<typeof createFakeTime>;
  readonly logs: string[];
  /** Waits (on I/O, not on the clock) until `check` holds; advances the fake clock by `stepMs` between tries. */
  until<T>(check: () => T | undefined | false, what: string, stepMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** The guild and channel the tests play in. */
export const GUILD = "811111111111111111";
export const CHANNEL = "822222222222222222";

/** Starts the fake Discord and memquiz on it. */
export async function startDiscordHarness(env: Record<string, string> = {}, fakeOptions: FakeDiscordOptions = {}): Promise<DiscordBotHarness> {
  const fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: "Pythonistas", channels: [{ id: CHANNEL, name: "quiz" }] }], ...fakeOptions });
  const dir = mkdtempSync(join(tmpdir(), "memquiz-dc-"));
  const time = createFakeTime();
  const logs: string[] = [];
  const started = await startMemquiz({
    env: {
      DISCORD_BOT_TOKEN: fake.token,
      DISCORD_API_ROOT: fake.apiRoot,
      MEMQUIZ_DB: join(dir, "memquiz.db"),
      MEMQUIZ_QUESTIONS: "test/fixtures/bank/game",
      LOG_LEVEL: "debug",
      ...env,
    },
    clock: time.clock,
    rng: createSeededRng(5),
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
  return {
    fake,
    memquiz: started,
    time,
    logs,
    until: (check, what, stepMs = 0) =>
      until(check, what, {
        stepMs,
        advance: (ms) => time.advance(ms),
        context: () => `calls: ${fake.calls.map((c) => `${c.method} ${c.path}`).join(", ")}\nlogs:\n${logs.join("\n")}`,
      }),
    async close() {
      await started.stop();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
