import { GrammyError, HttpError, type Transformer } from "grammy";
import type { Logger } from "../../app/logger.ts";

function isPlatformFault(result: { ok: boolean; error_code?: number }): boolean {
  return !result.ok && (result.error_code === 429 || (result.error_code ?? 0) >= 500);
}

/** Whether `logApiFaults` already logs this error: a 429 or 5xx refusal, or a network failure (timeouts included). */
export function isLoggedFault(error: unknown): boolean {
  return error instanceof HttpError || (error instanceof GrammyError && (error.error_code === 429 || error.error_code >= 500));
}

/** One line about a failed Bot API call: the method and what Telegram or the network said, never the URL. */
export function describeApiFault(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  if (error instanceof HttpError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A grammY transformer that logs faults of the platform (429, 5xx, network
 * errors and timeouts) once per method while they last, and once more when
 * the method works again. Installed beneath auto-retry, it sees every attempt,
 * so a fault that auto-retry rides out is still logged, but a retry loop never
 * floods the log.
 */
export function logApiFaults(log: Pick<Logger, "warn" | "info">): Transformer {
  /** Failed attempts in a row, by method. */
  const failing = new Map<string, number>();
  const failed = (method: string, what: string) => {
    const count = failing.get(method) ?? 0;
    failing.set(method, count + 1);
    if (count === 0) log.warn(`telegram: ${method} failed (${what}); retrying with backoff`);
  };
  const succeeded = (method: string) => {
    const count = failing.get(method);
    if (count === undefined) return;
    failing.delete(method);
    log.info(`telegram: ${method} works again after ${count} failed attempt(s)`);
  };
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (isPlatformFault(result)) failed(method, `${result.ok ? "" : `${result.error_code} ${result.description}`}`);
      else succeeded(method);
      return result;
    } catch (error) {
      // A long poll cut short by shutdown is not a fault.
      if (!signal?.aborted) failed(method, describeApiFault(error));
      throw error;
    }
  };
}
