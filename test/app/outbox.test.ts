import { describe, expect, it } from "vitest";
import { createOutboxDispatcher, MAX_DELIVERY_ATTEMPTS } from "../../src/app/outbox-dispatcher.ts";
import { createTicker } from "../../src/app/ticker.ts";
import type { OutboxPayload } from "../../src/core/game/outbox-payload.ts";
import { createSqliteStore, openDatabase } from "../../src/storage/index.ts";
import { createFakeTime } from "../helpers/fake-time.ts";

const payload = (index: number): OutboxPayload => ({
  type: "round-finished", lang: "en", sessionId: 1, asked: index, total: 5, stopped: false, standings: [],
});

describe("the outbox dispatcher", () => {
  it("keeps a failed message queued, holds back later ones for that chat, and delivers all in order on retry", async () => {
    const store = createSqliteStore(openDatabase(":memory:"));
    const time = createFakeTime();
    const delivered: string[] = [];
    let failNext = true;
    const warnings: string[] = [];
    const dispatcher = createOutboxDispatcher({
      store,
      clock: time.clock,
      log: { warn: (m) => warnings.push(m) },
      sinks: {
        t: {
          async deliver(record) {
            if (record.chatId === "t:a" && failNext) {
              failNext = false;
              throw new Error("429 Too Many Requests");
            }
            delivered.push(`${record.chatId}#${(record.payload as { asked: number }).asked}`);
          },
        },
      },
    });
    store.enqueue("t:a", payload(1), 0);
    store.enqueue("t:b", payload(2), 0);
    store.enqueue("t:a", payload(3), 0);
    expect(await dispatcher.flush()).toBe(1);
    expect(delivered).toEqual(["t:b#2"]);
    expect(warnings).toHaveLength(1);
    expect(store.pending(10).map((r) => r.chatId)).toEqual(["t:a", "t:a"]);
    expect(await dispatcher.flush()).toBe(2);
    expect(delivered).toEqual(["t:b#2", "t:a#1", "t:a#3"]);
    expect(store.pending(10)).toEqual([]);
  });

  it("gives up on a message that keeps failing, so the chat's queue moves on", async () => {
    const store = createSqliteStore(openDatabase(":memory:"));
    const time = createFakeTime();
    const warnings: string[] = [];
    const dispatcher = createOutboxDispatcher({
      store, clock: time.clock, log: { warn: (m) => warnings.push(m) },
      sinks: { t: { deliver: async () => { throw new Error("chat not found"); } } },
    });
    store.enqueue("t:gone", payload(1), 0);
    for (let i = 0; i <= MAX_DELIVERY_ATTEMPTS; i++) await dispatcher.flush();
    expect(store.pending(10)).toEqual([]);
    expect(warnings.at(-1)).toContain("gave up on message");
  });
});

describe("the outbox dispatcher in a broadcast", () => {
  it("delivers every chat's messages in order, many chats side by side, reading the outbox a few times rather than once per chat", async () => {
    const store = createSqliteStore(openDatabase(":memory:"));
    const time = createFakeTime();
    const chats = 1_000;
    for (let round = 1; round <= 2; round++) for (let c = 0; c < chats; c++) store.enqueue(`t:${c}`, payload(round), 0);
    let reads = 0;
    const pending = store.pending.bind(store);
    store.pending = (limit) => {
      reads++;
      return pending(limit);
    };
    const delivered = new Map<string, number[]>();
    // Sends in flight; the test lets the platform answer them one at a time, as replies come back.
    const inFlight: (() => void)[] = [];
    let maxInFlight = 0;
    const dispatcher = createOutboxDispatcher({
      store,
      clock: time.clock,
      sinks: {
        t: {
          deliver: (record) =>
            new Promise<void>((resolve) => {
              inFlight.push(() => {
                delivered.set(record.chatId, [...(delivered.get(record.chatId) ?? []), (record.payload as { asked: number }).asked]);
                resolve();
              });
              maxInFlight = Math.max(maxInFlight, inFlight.length);
            }),
        },
      },
    });
    let total: number | undefined;
    const flushed = dispatcher.flush().then((n) => (total = n));
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn();
    while (total === undefined) {
      // Replies come back in a mixed order: every third send in flight, from the front.
      inFlight.splice(inFlight.length > 2 ? 2 : 0, 1)[0]?.();
      await turn();
    }
    await flushed;
    expect(total).toBe(2 * chats);
    expect(delivered.size).toBe(chats);
    for (const asked of delivered.values()) expect(asked).toEqual([1, 2]);
    expect(store.pending(10)).toEqual([]);
    // Up to 256 chats are served side by side, and the outbox is read again before they run out.
    expect(maxInFlight).toBe(256);
    expect(reads).toBeGreaterThan(1);
    // A look at the outbox reads up to 1,000 rows. Looking after every finished chat made about
    // 2,000 looks here; now it is one per 128 finished chats, and one per chat only in the last
    // 128, when the outbox is nearly empty.
    expect(reads).toBeLessThan(200);
  });
});

describe("the deadline ticker", () => {
  it("arms one timer for the earliest deadline and re-arms after each run", async () => {
    const time = createFakeTime(0);
    const deadlines = [1000, 5000];
    const runs: number[] = [];
    const ticker = createTicker({
      clock: time.clock,
      timers: time.timers,
      nextDeadline: () => deadlines[0] ?? null,
      onDue: async (now) => {
        runs.push(now);
        deadlines.shift();
      },
      onError: (e) => { throw e; },
    });
    ticker.poke();
    ticker.poke();
    expect(time.pending()).toBe(1);
    time.advance(1000);
    await ticker.idle();
    expect(runs).toEqual([1000]);
    time.advance(4000);
    await ticker.idle();
    expect(runs).toEqual([1000, 5000]);
    expect(time.pending()).toBe(0);
    await ticker.stop();
  });
});
