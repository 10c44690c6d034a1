import type { Clock } from "../core/ports.ts";

/** What to do with a user's command: run it, tell them once that they're too fast, or drop it quietly. */
export type LimitVerdict = "ok" | "notice" | "drop";

/** The default: about 10 commands per 10 seconds per user. */
export const COMMAND_LIMIT = { commands: 10, windowMs: 10_000 } as const;

/**
 * A per-user sliding-window limit on commands. Over the limit, the first
 * command gets one polite notice and the rest are dropped without a reply
 * until the window has room again, so a flood gets one answer, not one per
 * message. Memory is bounded: idle users are forgotten.
 */
export function createCommandLimiter(clock: Clock, limit: { commands: number; windowMs: number } = COMMAND_LIMIT) {
  const users = new Map<string, { times: number[]; noticed: boolean }>();
  let checks = 0;

  function forgetIdle(now: number): void {
    for (const [id, entry] of users) if ((entry.times[entry.times.length - 1] ?? 0) <= now - limit.windowMs) users.delete(id);
  }

  return {
    /** Counts one command from `userId` now and says what to do with it. */
    check(userId: string): LimitVerdict {
      const now = clock.now();
      if (++checks % 1000 === 0) forgetIdle(now);
      let entry = users.get(userId);
      if (!entry) {
        entry = { times: [], noticed: false };
        users.set(userId, entry);
      }
      while (entry.times.length > 0 && (entry.times[0] ?? 0) <= now - limit.windowMs) entry.times.shift();
      if (entry.times.length < limit.commands) {
        entry.times.push(now);
        entry.noticed = false;
        return "ok";
      }
      if (entry.noticed) return "drop";
      entry.noticed = true;
      return "notice";
    },
  };
}
