import type { RoundState } from "../../core/game/round.ts";
import type { SessionKind, SessionRecord, Store } from "../../core/ports.ts";

/**
 * Runs `close` on every open session of `kind` whose deadline is at or
 * before `now` (also those that fell due while the bot was down), each in
 * its own transaction and re-read inside it, so two timers or processes
 * never close the same question twice. Returns how many were closed.
 */
export function closeDueSessions(store: Store, kind: SessionKind, now: number, close: (session: SessionRecord<RoundState>) => void): number {
  let closed = 0;
  for (const session of store.dueSessions<RoundState>(now)) {
    if (session.kind !== kind) continue;
    store.transaction(() => {
      const fresh = store.getSession<RoundState>(session.id);
      if (fresh?.status === "open" && fresh.closesAt !== null && fresh.closesAt <= now) {
        close(fresh);
        closed++;
      }
    });
  }
  return closed;
}
