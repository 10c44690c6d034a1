import type { TimerPort } from "../../src/app/ticker.ts";
import type { Clock } from "../../src/core/ports.ts";

/** A clock that moves only when a test says so, with timers that fire as it moves. */
export function createFakeTime(start = Date.UTC(2026, 10, 25, 12, 0, 0)) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = { now: () => now };
  const timerPort: TimerPort = {
    set(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clear(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    clock,
    timers: timerPort,
    /** Moves the clock forward, firing due timers in order. */
    advance(ms: number): void {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = target;
    },
    /** Sets the clock to an instant (forward only). */
    set(at: number): void {
      this.advance(at - now);
    },
    pending: () => timers.size,
  };
}
