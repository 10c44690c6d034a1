interface Planned<T, F> {
  readonly target: T;
  readonly fault: F;
  left: number;
}

/**
 * Faults planned for the next matching calls, matched in the order they
 * were planned; each applies to a number of calls, then is used up. The
 * platform fakes say what a target is and how it matches a call.
 */
export class PlannedFaults<T, F> {
  private readonly planned: Planned<T, F>[] = [];

  /** Plans `fault` for the next `times` calls that match `target`. */
  add(target: T, fault: F, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`failNext: times must be a positive integer, got ${times}`);
    this.planned.push({ target, fault, left: times });
  }

  /** The first planned fault whose target `matches` the call, using up one of its times. */
  take(matches: (target: T) => boolean): F | undefined {
    const index = this.planned.findIndex((p) => matches(p.target));
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
