/**
 * A refusal by the fake Bot API, turned into `{ ok: false, error_code, description }`
 * with the same HTTP status, exactly as Telegram answers.
 *
 * Method handlers throw it; the HTTP layer catches it at one place.
 */
export class TelegramApiError extends Error {
  override readonly name = "TelegramApiError";

  constructor(
    /** Telegram's `error_code`, also used as the HTTP status. */
    readonly errorCode: number,
    /** Telegram's `description`, e.g. "Bad Request: message text is empty". */
    readonly description: string,
    /** Telegram's optional `parameters`, e.g. `{ retry_after: 3 }`. */
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }

  /** The JSON body Telegram sends with this error. */
  toBody(): { ok: false; error_code: number; description: string; parameters?: object } {
    return this.parameters === undefined
      ? { ok: false, error_code: this.errorCode, description: this.description }
      : { ok: false, error_code: this.errorCode, description: this.description, parameters: this.parameters };
  }
}

/** A 400 whose description gets Telegram's "Bad Request: " prefix. */
export function badRequest(detail: string): TelegramApiError {
  return new TelegramApiError(400, `Bad Request: ${detail}`);
}

/** A 429 the way Telegram words it, with `parameters.retry_after` in whole seconds (at least 1). */
export function tooManyRequests(retryAfterSeconds: number): TelegramApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new TelegramApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
}
