import { tooManyRequests, type TelegramApiError } from "./api-error.ts";

/**
 * Telegram's broadcasting limits, opt-in. Each is a sliding window over the
 * messages the fake accepted; a send that would exceed one is refused with 429.
 */
export interface RateLimits {
  /** Messages per second across all chats (Telegram: about 30). */
  globalPerSecond?: number;
  /** Messages per second in one chat (Telegram: about 1). */
  perChatPerSecond?: number;
  /** Messages per minute in one group or supergroup (Telegram: 20). */
  perGroupPerMinute?: number;
}

/**
 * The methods that count as outgoing messages: every `send*` except
 * `sendChatAction`. Edits, deletes and answers are not limited.
 */
export function isOutgoingMessage(method: string): boolean {
  return method.startsWith("send") && method !== "sendChatAction";
}

/** Enforces {@link RateLimits} on a clock the test controls. */
export class RateLimiter {
  private readonly global: number[] = [];
  private readonly perChat = new Map<number, number[]>();
  /** How many sends were refused with 429. */
  rejected = 0;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  /**
   * The 429 to send if one more message to `chatId` would break a limit, or
   * undefined; counts the refusal. Call {@link record} once the message is sent.
   */
  check(chatId: number, isGroup: boolean): TelegramApiError | undefined {
    const t = this.now();
    const chat = this.perChat.get(chatId) ?? [];
    const wait = Math.max(
      waitFor(this.global, this.limits.globalPerSecond, 1000, t),
      waitFor(chat, this.limits.perChatPerSecond, 1000, t),
      isGroup ? waitFor(chat, this.limits.perGroupPerMinute, 60_000, t) : 0,
    );
    if (wait <= 0) return undefined;
    this.rejected += 1;
    return tooManyRequests(wait / 1000);
  }

  /** Counts a message that was sent; refused or invalid sends don't count. */
  record(chatId: number): void {
    const t = this.now();
    const chat = this.perChat.get(chatId) ?? [];
    this.global.push(t);
    chat.push(t);
    this.perChat.set(chatId, chat);
    prune(this.global, t - 1000);
    prune(chat, t - 60_000);
  }
}

/** Milliseconds until one more event fits in the window, 0 if it fits now. */
function waitFor(times: readonly number[], limit: number | undefined, windowMs: number, t: number): number {
  if (limit === undefined) return 0;
  const inWindow = times.filter((at) => at > t - windowMs);
  if (inWindow.length < limit) return 0;
  // The event that must leave the window before another fits.
  const blocking = inWindow[inWindow.length - limit] as number;
  return blocking + windowMs - t;
}

function prune(times: number[], before: number): void {
  while (times.length > 0 && (times[0] as number) <= before) times.shift();
}
