import { PlannedFaults } from "../shared/planned-faults.ts";

/**
 * A failure to inject into the next matching call(s):
 * - `"429"`: Too Many Requests with `parameters.retry_after` (seconds);
 * - `"500"`: Internal Server Error;
 * - `"400"`: a Bad Request refusal with `description` (say, `Bad Request: IMAGE_PROCESS_FAILED`),
 *   as Telegram answers a request it won't carry out;
 * - `"drop"`: the socket is destroyed without an answer and the call has no effect;
 * - `"delay"`: the call takes effect at once but its answer is sent `ms` later,
 *   like a slow network that makes a client time out after the message was sent.
 *
 * `times` (default 1) is how many matching calls it applies to.
 */
export type Fault = ({ kind: "429"; retryAfter: number } | { kind: "500" } | { kind: "400"; description: string } | { kind: "drop" } | { kind: "delay"; ms: number }) & {
  times?: number;
};

/** Queued faults, matched in the order they were planned. */
export class FaultPlan {
  private readonly planned = new PlannedFaults<string, Fault>();

  /** Plans a fault for the next call(s) of `method` (case-insensitive), or of any method with "*". */
  add(method: string, fault: Fault): void {
    this.planned.add(method === "*" ? "*" : method.toLowerCase(), fault, fault.times ?? 1);
  }

  /** The fault for this call, if one is planned, using up one of its `times`. */
  take(method: string): Fault | undefined {
    const name = method.toLowerCase();
    return this.planned.take((target) => target === "*" || target === name);
  }

  /** How many injections are still waiting. */
  get remaining(): number {
    return this.planned.remaining;
  }
}
