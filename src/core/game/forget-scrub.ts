import type { OutboxPayload } from "./outbox-payload.ts";

/** Anything listed by user: results, standings, winners, archived season rows. */
interface Named {
  readonly userId: string;
}

/** The rows of a list that are not the user's, or undefined when the user wasn't in it. */
export function rowsWithoutUser<T extends Named>(rows: readonly T[], userId: string): T[] | undefined {
  const kept = rows.filter((row) => row.userId !== userId);
  return kept.length === rows.length ? undefined : kept;
}

/**
 * An outbox message with the user's name taken out of its lists (right
 * answers, standings, daily winners, season standings), for `/forget`; the
 * daily reveal's count of right answers drops with its list. Returns
 * undefined when the message doesn't name the user.
 */
export function payloadWithoutUser(payload: OutboxPayload, userId: string): OutboxPayload | undefined {
  switch (payload.type) {
    case "round-results": {
      const correct = rowsWithoutUser(payload.correct, userId);
      return correct && { ...payload, correct };
    }
    case "round-finished": {
      const standings = rowsWithoutUser(payload.standings, userId);
      return standings && { ...payload, standings };
    }
    case "daily-reveal": {
      const correct = rowsWithoutUser(payload.correct, userId);
      return correct && { ...payload, correct, correctCount: Math.max(0, payload.correctCount - 1) };
    }
    case "season-results": {
      const standings = rowsWithoutUser(payload.standings, userId);
      return standings && { ...payload, standings };
    }
    default:
      return undefined;
  }
}
