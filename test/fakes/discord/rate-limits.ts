import { createHash } from "node:crypto";

/**
 * Discord's limits, opt-in. Without them the fake still sends rate-limit
 * headers for an unenforced bucket of 50 requests per second, which no test
 * reaches by accident.
 */
export interface RateLimits {
  /** Requests per second across all authenticated routes (Discord: 50); interaction routes are exempt, as on Discord. */
  globalPerSecond?: number;
  /** A per-route bucket enforced on every route and major parameter (channel, guild, webhook). */
  perRoute?: { limit: number; windowMs: number };
}

/** A 429 to send: seconds to wait, and whether it is the global limit. */
export interface RateLimitRefusal {
  /** Seconds until a retry can succeed, as a float. */
  retryAfter: number;
  /** True for the global limit. */
  global: boolean;
}

const ADVERTISED = { limit: 50, windowMs: 1000 };

interface Window {
  start: number;
  count: number;
}

/**
 * Counts requests per bucket on the fake's clock, produces the
 * `X-RateLimit-*` headers and, when limits are on, refuses with 429.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly globalTimes: number[] = [];
  /** How many requests the enforced limits refused (injected 429s are not counted). */
  rejected = 0;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  /**
   * Admits or refuses one request to `bucket` (route template) for
   * `major` (its top-level resource). Returns the headers to send and,
   * when refused, the refusal; a refused request is counted in {@link rejected}.
   */
  admit(bucket: string, major: string, countsGlobal: boolean): { headers: Record<string, string>; refusal?: RateLimitRefusal } {
    const t = this.now();
    const { globalPerSecond } = this.limits;
    if (countsGlobal && globalPerSecond !== undefined) {
      while (this.globalTimes.length > 0 && (this.globalTimes[0] as number) <= t - 1000) this.globalTimes.shift();
      if (this.globalTimes.length >= globalPerSecond) {
        this.rejected += 1;
        return { headers: {}, refusal: { retryAfter: ((this.globalTimes[0] as number) + 1000 - t) / 1000, global: true } };
      }
    }
    const { limit, windowMs } = this.limits.perRoute ?? ADVERTISED;
    const key = `${bucket}|${major}`;
    let window = this.windows.get(key);
    if (!window || t >= window.start + windowMs) this.windows.set(key, (window = { start: t, count: 0 }));
    const resetAt = window.start + windowMs;
    if (this.limits.perRoute && window.count >= limit) {
      this.rejected += 1;
      const retryAfter = (resetAt - t) / 1000;
      return { headers: bucketHeaders(bucket, limit, 0, resetAt, t), refusal: { retryAfter, global: false } };
    }
    window.count += 1;
    if (countsGlobal && globalPerSecond !== undefined) this.globalTimes.push(t);
    return { headers: bucketHeaders(bucket, limit, Math.max(0, limit - window.count), resetAt, t) };
  }

  /** Headers for an injected 429 on `bucket`: the bucket is exhausted for `retryAfter` seconds. */
  exhausted(bucket: string, retryAfter: number): Record<string, string> {
    const t = this.now();
    const { limit } = this.limits.perRoute ?? ADVERTISED;
    return bucketHeaders(bucket, limit, 0, t + retryAfter * 1000, t);
  }
}

/** The headers and body of a 429, as Discord sends them (`Retry-After` is whole seconds, the body has the float). */
export function tooManyRequests(refusal: RateLimitRefusal, bucketHeadersToKeep: Record<string, string>): { headers: Record<string, string>; body: object } {
  const headers: Record<string, string> = {
    ...(refusal.global ? { "X-RateLimit-Global": "true" } : bucketHeadersToKeep),
    "Retry-After": String(Math.ceil(refusal.retryAfter)),
    "X-RateLimit-Scope": refusal.global ? "global" : "user",
  };
  const retryAfter = Math.round(refusal.retryAfter * 1000) / 1000;
  return { headers, body: { message: "You are being rate limited.", retry_after: retryAfter, global: refusal.global } };
}

function bucketHeaders(bucket: string, limit: number, remaining: number, resetAt: number, t: number): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(remaining),
    "X-RateLimit-Reset": (resetAt / 1000).toFixed(3),
    "X-RateLimit-Reset-After": (Math.max(0, resetAt - t) / 1000).toFixed(3),
    // Like Discord's, the bucket id names the route, not the resource.
    "X-RateLimit-Bucket": createHash("md5").update(bucket).digest("hex"),
  };
}
