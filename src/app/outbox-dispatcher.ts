import type { Clock, OutboxRecord, Store } from "../core/ports.ts";

/** After this many failed attempts a message is given up (and logged), so one bad chat can't block its queue forever. */
export const MAX_DELIVERY_ATTEMPTS = 10;

/** How many pending messages one look at the outbox reads. */
const BATCH = 1000;

/** How many chats are served side by side. */
const MAX_CHATS = 256;

/** The outbox is read again for more chats once at most this many are still being served. */
const REFILL_BELOW = MAX_CHATS / 2;

/** How long a process may hold an outbox message while it delivers it. */
export const LEASE_MS = 60_000;

/** Delivers outbox messages for one platform; throws when the platform refuses. */
export interface OutboxSink {
  /** Sends one message. Resolves once the platform accepted it. */
  deliver(record: OutboxRecord): Promise<void>;
  /**
   * Only this process delivers for the sink's prefix. Then a lease taken
   * before this process started belongs to a process that is gone (killed
   * mid-delivery) and is not waited for; with Discord shards, siblings share
   * the prefix and their leases are honoured.
   */
  readonly exclusive?: boolean;
}

/** Logs delivery faults without ever including secrets. */
export interface DispatchLog {
  warn(message: string): void;
  info?(message: string): void;
}

/**
 * Sends persisted outbox messages, in order within each chat, each platform through its sink
 * (chosen by the chat id prefix, `tg:`, `dc:` or `cli:`), and marks them sent.
 * A failed message stays pending and is retried on the next flush, so nothing
 * is lost; later messages for the same chat wait behind it to keep the order.
 */
export function createOutboxDispatcher(deps: { store: Store; clock: Clock; sinks: Readonly<Record<string, OutboxSink>>; log?: DispatchLog }) {
  const { store, clock, sinks, log } = deps;
  const startedAt = clock.now();
  let running: Promise<number> | null = null;
  let again = false;
  /** Messages that failed in the latest run and wait for a retry. */
  let failedLately = 0;

  /** Delivers one message: "sent", "gave-up" (too many failures), or "blocked" (its chat must wait). */
  async function deliverOne(record: OutboxRecord): Promise<"sent" | "gave-up" | "blocked"> {
    if (record.attempts >= MAX_DELIVERY_ATTEMPTS) {
      store.markSent(record.id, clock.now());
      log?.warn(`outbox: gave up on message ${record.id} to ${record.chatId} after ${record.attempts} failed attempts`);
      return "gave-up";
    }
    const sink = sinks[record.chatId.split(":")[0] ?? ""];
    // Another process (a Discord shard) may be sending it right now.
    const now = clock.now();
    // A lease is free when it ends by `at`; for an exclusive sink, every lease from before this process is.
    const at = sink?.exclusive ? Math.max(now, startedAt + LEASE_MS) : now;
    if (!sink || !store.lease(record.id, at, now + LEASE_MS)) return "blocked";
    try {
      await sink.deliver(record);
      store.markSent(record.id, clock.now());
      if (record.attempts > 0) log?.info?.(`outbox: message ${record.id} to ${record.chatId} delivered after ${record.attempts} failed attempt(s)`);
      return "sent";
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      store.markFailed(record.id, message);
      failedLately++;
      // Logged once per message, not once per retry.
      if (record.attempts === 0) log?.warn(`outbox: delivery of message ${record.id} to ${record.chatId} failed; it stays queued and is retried (${message})`);
      return "blocked";
    }
  }

  /**
   * Delivers until nothing deliverable is left: each chat's messages in
   * order, up to MAX_CHATS chats side by side, a new chat starting as soon
   * as one finishes (so a broadcast to many chats runs as fast as the send
   * queue's rate limits allow). A chat whose message failed waits for the
   * next flush.
   */
  async function drain(): Promise<number> {
    let sent = 0;
    const blocked = new Set<string>();
    const active = new Map<string, Promise<void>>();
    const serve = async (records: readonly OutboxRecord[]): Promise<void> => {
      for (const record of records) {
        const outcome = await deliverOne(record);
        if (outcome === "blocked") {
          blocked.add(record.chatId);
          return;
        }
        if (outcome === "sent") sent++;
      }
    };
    for (;;) {
      const byChat = new Map<string, OutboxRecord[]>();
      for (const record of store.pending(BATCH)) {
        if (blocked.has(record.chatId) || active.has(record.chatId)) continue;
        const list = byChat.get(record.chatId);
        if (list) list.push(record);
        else if (active.size + byChat.size < MAX_CHATS) byChat.set(record.chatId, [record]);
      }
      for (const [chatId, records] of byChat) {
        active.set(chatId, serve(records).finally(() => active.delete(chatId)));
      }
      if (active.size === 0) return sent;
      // Look at the outbox again only once half the chats are done: each look reads and parses
      // up to BATCH rows, mostly of chats still being served, and in a broadcast to thousands of
      // chats a look after every finished chat was most of the process's work.
      do await Promise.race(active.values());
      while (active.size > REFILL_BELOW);
    }
  }

  return {
    /** Delivers everything pending; concurrent calls share one run and trigger one more pass. */
    async flush(): Promise<number> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        failedLately = 0;
        let total = 0;
        do {
          again = false;
          total += await drain();
        } while (again);
        return total;
      })();
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    /** How many deliveries failed in the latest flush; those messages wait for a retry. */
    failures: () => failedLately,
  };
}

/** The outbox dispatcher. */
export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
