import { PlannedFaults } from "../shared/planned-faults.ts";

/**
 * A failure to inject into the next matching REST call(s):
 * - `"429"`: Too Many Requests with `retry_after` (seconds, may be fractional);
 *   `global` makes it a global limit (`X-RateLimit-Global`, scope "global");
 * - `"500"`: Internal Server Error (discord.js retries 5xx up to `rest.retries`, default 3);
 * - `"drop"`: the socket is destroyed without an answer and the call has no effect;
 * - `"delay"`: the call takes effect at once but its answer is sent `ms` later.
 */
export type Fault = { kind: "429"; retryAfter: number; global?: boolean } | { kind: "500" } | { kind: "drop" } | { kind: "delay"; ms: number };

/**
 * Which calls a fault applies to: "*" for any, or a RegExp tested on
 * `"METHOD /decoded/path"` (path after `/api/v10`), e.g. `/^POST \/channels\/\d+\/messages$/`.
 * Only calls to known routes with a valid token can be hit; 401s and 404s come first.
 */
export type FaultTarget = "*" | RegExp;

/** Queued faults, matched in the order they were planned. */
export class FaultPlan {
  private readonly planned = new PlannedFaults<FaultTarget, Fault>();

  /** Plans `fault` for the next `times` (default 1) calls that match `target`. */
  add(target: FaultTarget, fault: Fault, times = 1): void {
    if (fault.kind === "429" && !(fault.retryAfter >= 0)) throw new RangeError(`failNext: retryAfter must be >= 0 seconds, got ${fault.retryAfter}`);
    this.planned.add(target, fault, times);
  }

  /** The fault for this call (`method` upper-case, `path` decoded and without `/api/v10`), using up one of its times. */
  take(method: string, path: string): Fault | undefined {
    const line = `${method} ${path}`;
    return this.planned.take((target) => target === "*" || matches(target, line));
  }

  /** How many injections are still waiting. */
  get remaining(): number {
    return this.planned.remaining;
  }
}

function matches(target: RegExp, line: string): boolean {
  // search() ignores lastIndex, so a /g or /y RegExp matches the same way every time.
  return line.search(target) !== -1;
}
