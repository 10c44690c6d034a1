import type { RequestContext } from "../../src/app/context.ts";
import { createRuntime } from "../../src/app/runtime.ts";
import type { Bank } from "../../src/core/bank/types.ts";
import { formatIssue } from "../../src/core/bank/index.ts";
import type { OutboxPayload } from "../../src/core/game/outbox-payload.ts";
import type { ChatKind, Store } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { createSqliteStore, loadBankFromDir, openDatabase } from "../../src/storage/index.ts";
import { createFakeTime } from "./fake-time.ts";

/** The small fixture bank used by game tests: topics alpha (4 questions) and beta (3). */
export function loadGameBank(): Bank {
  const result = loadBankFromDir("test/fixtures/bank/game");
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
  return result.bank;
}

/** A request context for a test user in a test chat. */
export function ctxFor(userId: string, chatId: string, kind: ChatKind = "group", options: { admin?: boolean; lang?: string; bot?: boolean } = {}): RequestContext {
  return {
    user: { id: userId, name: userId.replace(/^t:/, ""), langHint: options.lang, isBot: options.bot },
    chat: { id: chatId, kind },
    isAdmin: () => options.admin ?? false,
  };
}

/**
 * A full app on real SQLite (the real migrations) with a fake clock, a seeded
 * random source and a sink that records what the `t:` platform was sent.
 */
export function createHarness(options: { dbPath?: string; seed?: number; start?: number; roundSeconds?: number } = {}) {
  const time = createFakeTime(options.start);
  const db = openDatabase(options.dbPath ?? ":memory:");
  const store: Store = createSqliteStore(db);
  const bank = loadGameBank();
  const logs: string[] = [];
  const runtime = createRuntime({
    store,
    bank,
    clock: time.clock,
    rng: createSeededRng(options.seed ?? 42),
    timers: time.timers,
    log: { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) },
    roundSeconds: options.roundSeconds,
  });
  const sent: { chatId: string; payload: OutboxPayload }[] = [];
  runtime.addSink("t", {
    async deliver(record) {
      sent.push({ chatId: record.chatId, payload: record.payload });
    },
  });
  return { time, db, store, bank, runtime, app: runtime.app, sent, logs };
}
