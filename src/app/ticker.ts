import type { Clock } from "../core/ports.ts";

/** Schedules callbacks; the real one wraps setTimeout, tests pass a fake. */
export interface TimerPort {
  /** Calls `fn` after `ms` milliseconds; returns a handle for `clear`. */
  set(fn: () => void, ms: number): unknown;
  /** Cancels a pending callback. */
  clear(handle: unknown): void;
}

/** The real timers. */
export const realTimers: TimerPort = {
  set: (fn, ms) => setTimeout(fn, Math.min(ms, 2_147_483_647)),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Wakes the app when the next persisted deadline arrives. Deadlines live in
 * the database, so after a restart `poke()` picks them up again.
 */
export function createTicker(deps: {
  clock: Clock;
  timers: TimerPort;
  nextDeadline: () => number | null;
  onDue: (now: number) => Promise<void>;
  onError: (error: unknown) => void;
}) {
  let handle: unknown = null;
  let armedFor: number | null = null;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();

  function fire(): void {
    handle = null;
    armedFor = null;
    busy = busy
      .then(() => deps.onDue(deps.clock.now()))
      .catch(deps.onError)
      .then(() => poke());
  }

  /** Re-reads the next deadline and arms one timer for it. */
  function poke(): void {
    if (stopped) return;
    const deadline = deps.nextDeadline();
    if (deadline === armedFor) return;
    if (handle !== null) deps.timers.clear(handle);
    handle = null;
    armedFor = deadline;
    if (deadline === null) return;
    handle = deps.timers.set(fire, Math.max(0, deadline - deps.clock.now()));
  }

  return {
    poke,
    /** Stops the timer; waits for a running `onDue` to finish. */
    async stop(): Promise<void> {
      stopped = true;
      if (handle !== null) deps.timers.clear(handle);
      handle = null;
      await busy;
    },
    /** Resolves when the current `onDue` run (if any) is done. */
    idle: () => busy,
  };
}

/** The deadline ticker. */
export type Ticker = ReturnType<typeof createTicker>;
