import { HttpError, type Transformer } from "grammy";
import type { TimerPort } from "../../app/ticker.ts";

/** How server errors and network failures of Bot API calls are retried. */
export interface RetryOptions {
  /** Where the waits between attempts run (the app's timers, so tests drive them with a fake clock). */
  readonly timers: TimerPort;
  /** Retries after the first attempt; then the error reaches the caller (the outbox keeps the message and retries later). */
  readonly maxRetries?: number;
  /** Methods left alone: `getUpdates` backs off in the poller, which also sees when fetching recovers. */
  readonly except?: readonly string[];
}

/** The first wait between attempts (doubling after each failure), and the longest one. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 16_000;

/**
 * A grammY transformer that retries 5xx answers and network failures
 * (dropped connections, timeouts) with backoff: 1 s, doubling, at most 16 s,
 * up to `maxRetries` times (default 4). 429s are left to auto-retry, which
 * waits out `retry_after`. A call that timed out may already have taken
 * effect, so a retried send can arrive twice: at least once is what the Bot
 * API allows, since it has no idempotency key.
 */
export function retryApiFaults(options: RetryOptions): Transformer {
  const maxRetries = options.maxRetries ?? 4;
  const except = new Set(options.except ?? []);
  const wait = (ms: number) => new Promise<void>((resolve) => options.timers.set(resolve, ms));
  return async (prev, method, payload, signal) => {
    if (except.has(method)) return prev(method, payload, signal);
    let delay = FIRST_RETRY_MS;
    for (let retry = 0; ; retry++) {
      const last = retry >= maxRetries;
      try {
        const result = await prev(method, payload, signal);
        if (result.ok || result.error_code < 500 || last) return result;
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted || last) throw error;
      }
      await wait(delay);
      delay = Math.min(MAX_RETRY_MS, delay * 2);
    }
  };
}
