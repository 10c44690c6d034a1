import type { Clock, OutboxRecord, Store } from "../core/ports.ts";

/** After this many failed attempts a message is given up (and logged), so one bad chat can't block its queue forever. */
export const MAX_DELIVERY_ATTEMPTS = 10;

/** How long a process may hold an outbox message while it delivers it. */
export const LEASE_MS = 60_000;

/** Delivers outbox messages for one platform; throws when the platform refuses. */
export interface OutboxSink {
  /** Sends one message. Resolves once the platform accepted it. */
  deliver(record: OutboxRecord): Promise<void>;
}

/** Logs delivery faults without ever including secrets. */
export interface DispatchLog {
  warn(message: string): void;
}

/**
 * Sends persisted outbox messages in order, each platform through its sink
 * (chosen by the chat id prefix, `tg:`, `dc:` or `cli:`), and marks them sent.
 * A failed message stays pending and is retried on the next flush, so nothing
 * is lost; later messages for the same chat wait behind it to keep the order.
 */
export function createOutboxDispatcher(deps: { store: Store; clock: Clock; sinks: Readonly<Record<string, OutboxSink>>; log?: DispatchLog }) {
  const { store, clock, sinks, log } = deps;
  let running: Promise<number> | null = null;
  let again = false;

  async function drain(): Promise<number> {
    let sent = 0;
    const blocked = new Set<string>();
    for (;;) {
      const batch = store.pending(100).filter((r) => !blocked.has(r.chatId));
      if (batch.length === 0) return sent;
      let progressed = false;
      for (const record of batch) {
        if (blocked.has(record.chatId)) continue;
        if (record.attempts >= MAX_DELIVERY_ATTEMPTS) {
          store.markSent(record.id, clock.now());
          log?.warn(`outbox: gave up on message ${record.id} to ${record.chatId} after ${record.attempts} failed attempts`);
          progressed = true;
          continue;
        }
        const sink = sinks[record.chatId.split(":")[0] ?? ""];
        if (!sink) {
          blocked.add(record.chatId);
          continue;
        }
        // Another process (a Discord shard) may be sending it right now.
        if (!store.lease(record.id, clock.now(), clock.now() + LEASE_MS)) {
          blocked.add(record.chatId);
          continue;
        }
        try {
          await sink.deliver(record);
          store.markSent(record.id, clock.now());
          sent++;
          progressed = true;
        } catch (error) {
          blocked.add(record.chatId);
          store.markFailed(record.id, error instanceof Error ? error.message : String(error));
          log?.warn(`outbox: delivery of message ${record.id} to ${record.chatId} failed; it stays queued (${(error as Error).message})`);
        }
      }
      if (!progressed) return sent;
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
  };
}

/** The outbox dispatcher. */
export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
