/**
 * The daily-question broadcast: N chats whose daily question falls due at the
 * same moment, posted through the real app (outbox, dispatcher, Telegram sink,
 * send queue, grammY) to the fake Bot API, which enforces Telegram's limits
 * scaled up (the queue is configured to match). Reports the achieved message
 * rate as a fraction of the allowed one, and how many sends got a 429.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../src/app/logger.ts";
import { createRuntime } from "../src/app/runtime.ts";
import { realTimers } from "../src/app/ticker.ts";
import { scheduleDaily } from "../src/app/use-cases/daily-schedule.ts";
import { startTelegramBot } from "../src/adapters/telegram/telegram-bot.ts";
import { createSeededRng } from "../src/core/rng.ts";
import { closeDatabase, createSqliteStore, loadBankFromDir, openDatabase } from "../src/storage/index.ts";
import { startFakeTelegram } from "../test/fakes/telegram/index.ts";

/** What one broadcast achieved. */
export interface BroadcastResult {
  readonly chats: number;
  readonly messages: number;
  readonly seconds: number;
  /** Messages a second over the allowed rate. */
  readonly fraction: number;
  readonly rejected429: number;
}

/** Posts the daily question to `chats` chats at once with Telegram's limits scaled to `perSecond`. */
export async function measureBroadcast(chats: number, perSecond: number, progress: (line: string) => void): Promise<BroadcastResult> {
  const dir = mkdtempSync(join(tmpdir(), "memquiz-broadcast-"));
  const fake = await startFakeTelegram({ rateLimits: { globalPerSecond: perSecond, perChatPerSecond: 1, perGroupPerMinute: 20 } });
  const db = openDatabase(join(dir, "bench.db"));
  const clock = { now: () => Date.now() };
  const store = createSqliteStore(db, { clock });
  const loaded = loadBankFromDir("questions");
  if (!loaded.ok) throw new Error("the bundled bank does not load");
  const log = createLogger("warn", { write: (line) => progress(line) });
  const runtime = createRuntime({ store, bank: loaded.bank, clock, rng: createSeededRng(7), timers: realTimers, log });
  const bot = await startTelegramBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    runtime,
    log,
    timers: realTimers,
    limits: { globalPerSecond: perSecond, perChatPerSecond: 1, perGroupPerMinute: 20 },
  });
  try {
    const dueAt = Date.now() + 1_000;
    store.transaction(() => {
      for (let i = 0; i < chats; i++) {
        const id = -1_000_000_000 - i;
        fake.groupChat(id, `Group ${i}`);
        const chat = store.ensureChat(`tg:${id}`, "group");
        const enabled = { ...chat, settings: { ...chat.settings, daily: { enabled: true, time: "00:00", revealHours: 12 } } };
        store.updateChat(enabled);
        scheduleDaily(store, enabled, Date.now());
        store.setDailyNext(enabled.id, dueAt);
      }
    });
    await runtime.settle();
    const sends = () => fake.calls.filter((c) => c.method.startsWith("send") && c.status === 200);
    let last = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const done = fake.callsOf("sendPoll").filter((c) => c.status === 200).length;
      if (done >= chats) break;
      if (done - last >= chats / 10 || done === 0) {
        progress(`bench: broadcast ${done}/${chats} polls`);
        last = done;
      }
    }
    const ok = sends();
    const first = Math.min(...ok.map((c) => c.at));
    const end = Math.max(...ok.map((c) => c.at));
    // n messages spaced at the allowed rate take (n − 1)/rate seconds.
    const seconds = (end - first) / 1000;
    const fraction = seconds > 0 ? (ok.length - 1) / seconds / perSecond : 0;
    return { chats, messages: ok.length, seconds, fraction, rejected429: fake.rejected429 };
  } finally {
    await bot.stop();
    await runtime.stop();
    closeDatabase(db);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
