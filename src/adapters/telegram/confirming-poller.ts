import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from "@grammyjs/runner";
import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { TimerPort } from "../../app/ticker.ts";

/** How long polling is paced and logged. */
export interface PollerOptions {
  /** Update types to ask Telegram for. */
  readonly allowedUpdates: readonly ("message" | "callback_query" | "poll_answer")[];
  /** Seconds Telegram may hold an empty `getUpdates` (must stay below the client's request timeout). */
  readonly longPollSeconds: number;
  /** Where the backoff after a failed fetch waits (the app's timers, so tests drive it with a fake clock). */
  readonly timers: TimerPort;
  /** While handlers are still running, how often (ms) to look for new updates. */
  readonly busyPollMs?: number;
  /** Called once when fetching starts to fail, and once when it works again. */
  readonly onFetchTrouble: (event: { readonly kind: "failing"; readonly error: unknown } | { readonly kind: "recovered"; readonly failures: number }) => void;
}

/** Backoff between failed `getUpdates` calls: 0.5 s doubling up to 30 s (auto-retry waits out 429s itself). */
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

function sleep(ms: number, signal: AbortSignal, timers: Pick<TimerPort, "set" | "clear"> = realTimeouts): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      timers.clear(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = timers.set(done, ms);
    signal.addEventListener("abort", done);
  });
}

/** Wall-time timers, for the short pause while handlers run (it paces I/O, not the app's time). */
const realTimeouts: Pick<TimerPort, "set" | "clear"> = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Long polling that confirms an update to Telegram only after its handler has
 * finished. grammY's runner confirms a batch (by asking for the next offset)
 * as soon as the batch is handed to the handlers; a crash right then would
 * lose updates whose answers were not yet committed. Here the offset stops at
 * the oldest update still being handled, so after a crash Telegram delivers
 * it again (and the stores' update keys make the second delivery harmless).
 * Updates are still handled side by side, as many as Telegram returns.
 */
export function runConfirmingPoller(bot: Bot, options: PollerOptions): RunnerHandle {
  const busyPollMs = options.busyPollMs ?? 200;
  const inFlight = new Set<number>();
  /** Updates finished while an older one is still running: Telegram returns them again until the offset passes them. */
  const finished = new Set<number>();
  let highest = 0;
  let wake: (() => void) | undefined;

  function confirmedOffset(): number {
    return inFlight.size > 0 ? Math.min(...inFlight) : highest + 1;
  }

  async function fetchOnce(limit: number, signal: AbortSignal): Promise<Update[]> {
    let failures = 0;
    let backoff = FIRST_BACKOFF_MS;
    for (;;) {
      const busy = inFlight.size > 0;
      const offset = confirmedOffset();
      for (const id of finished) if (id < offset) finished.delete(id);
      try {
        const updates = await bot.api.getUpdates(
          { offset, limit, timeout: busy ? 0 : options.longPollSeconds, allowed_updates: [...options.allowedUpdates] },
          signal as Parameters<typeof bot.api.getUpdates>[1],
        );
        if (failures > 0) options.onFetchTrouble({ kind: "recovered", failures });
        failures = 0;
        backoff = FIRST_BACKOFF_MS;
        // Updates still running, or done but not yet confirmed, come back while the offset waits for an older one.
        const fresh = updates.filter((u) => !inFlight.has(u.update_id) && !finished.has(u.update_id));
        if (fresh.length > 0 || !busy) {
          // Counted as running from now: the next offset must not pass them before their handlers end.
          for (const u of fresh) {
            inFlight.add(u.update_id);
            highest = Math.max(highest, u.update_id);
          }
          return fresh;
        }
        // Only old ones: wait for a handler to finish (or a moment) rather than ask again at once.
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), sleep(busyPollMs, signal)]);
        wake = undefined;
      } catch (error) {
        if (signal.aborted) throw error;
        if (failures === 0) options.onFetchTrouble({ kind: "failing", error });
        failures++;
        await sleep(backoff, signal, options.timers);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
      if (signal.aborted) return [];
    }
  }

  const source = createSource<Update>({
    supply: async (batchSize, signal) => {
      await bot.init();
      // The runner's AbortSignal shim type differs from the global one it actually is at run time.
      return fetchOnce(Math.max(1, Math.min(batchSize, 100)), signal as unknown as AbortSignal);
    },
  });
  const sink = createConcurrentSink<Update>(
    {
      consume: async (update) => {
        const id = update.update_id;
        try {
          await bot.handleUpdate(update);
        } finally {
          inFlight.delete(id);
          finished.add(id);
          wake?.();
        }
      },
    },
    async (error) => {
      try {
        if (error instanceof BotError) await bot.errorHandler(error);
      } catch {
        // bot.catch already logged what it could; a failing error handler must not stop polling.
      }
    },
  );
  const runner = createRunner(source, sink);
  runner.start();
  return runner;
}
