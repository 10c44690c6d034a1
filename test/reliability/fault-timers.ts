import { createFakeTime } from "../helpers/fake-time.ts";

/** Our source files whose waits between attempts the fault tests check. */
export type RetrySite = "api-retry.ts" | "confirming-poller.ts" | "runtime.ts";

const SITES: readonly RetrySite[] = ["api-retry.ts", "confirming-poller.ts", "runtime.ts"];

/**
 * A fake clock whose timers also record each wait that one of our retry
 * sites asks for (found from the caller's stack), so a test can check the
 * backoff exactly, whatever steps it advances the clock by.
 */
export function createRecordingTime() {
  const time = createFakeTime();
  const waits: { site: RetrySite; ms: number }[] = [];
  const set = time.timers.set.bind(time.timers);
  const timers = {
    set(fn: () => void, ms: number): unknown {
      const stack = new Error().stack ?? "";
      const caller = stack.split("\n")[2] ?? "";
      const site = SITES.find((s) => caller.includes(`/${s}:`));
      if (site) waits.push({ site, ms });
      return set(fn, ms);
    },
    clear: time.timers.clear.bind(time.timers),
  };
  return {
    ...time,
    timers,
    /** The waits that code in one site asked for itself, in order (ms). */
    waitsOf: (site: RetrySite) => waits.filter((w) => w.site === site).map((w) => w.ms),
  };
}

/**
 * Waits for `check` while stepping the fake clock by `stepMs` between looks and
 * letting real I/O run (5 ms each): up to 2,000 steps, about 10 s of wall time,
 * since a request timeout or a 429 takes real seconds. The error names what
 * was awaited, plus `describe()` (the calls the fake saw, the logs).
 */
export async function stepUntil<T>(
  time: { advance(ms: number): void },
  check: () => T | undefined | false,
  what: string,
  describe: () => string,
  stepMs = 250,
): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const value = check();
    if (value) return value;
    time.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}\n${describe()}`);
}
