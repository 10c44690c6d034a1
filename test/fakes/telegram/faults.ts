/**
 * A failure to inject into the next matching call(s):
 * - `"429"`: Too Many Requests with `parameters.retry_after` (seconds);
 * - `"500"`: Internal Server Error;
 * - `"drop"`: the socket is destroyed without an answer and the call has no effect;
 * - `"delay"`: the call takes effect at once but its answer is sent `ms` later,
 *   like a slow network that makes a client time out after the message was sent.
 *
 * `times` (default 1) is how many matching calls it applies to.
 */
export type Fault = ({ kind: "429"; retryAfter: number } | { kind: "500" } | { kind: "drop" } | { kind: "delay"; ms: number }) & {
  times?: number;
};

interface Planned {
  method: string;
  fault: Fault;
  left: number;
}

/** Queued faults, matched in the order they were planned. */
export class FaultPlan {
  private planned: Planned[] = [];

  /** Plans a fault for the next call(s) of `method` (case-insensitive), or of any method with "*". */
  add(method: string, fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`failNext: times must be a positive integer, got ${times}`);
    this.planned.push({ method: method === "*" ? "*" : method.toLowerCase(), fault, left: times });
  }

  /** The fault for this call, if one is planned, using up one of its `times`. */
  take(method: string): Fault | undefined {
    const name = method.toLowerCase();
    const index = this.planned.findIndex((p) => p.method === "*" || p.method === name);
    const found = this.planned[index];
    if (!found) return undefined;
    found.left -= 1;
    if (found.left === 0) this.planned.splice(index, 1);
    return found.fault;
  }

  /** How many injections are still waiting. */
  get remaining(): number {
    return this.planned.reduce((sum, p) => sum + p.left, 0);
  }
}
