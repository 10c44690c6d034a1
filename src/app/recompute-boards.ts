import { periodKey } from "../core/time/periods.ts";
import type { Period } from "../core/ports.ts";
import { GLOBAL_SCOPE } from "./use-cases/board-keys.ts";

/** An award as the recomputation reads it. */
export interface AwardInputRow {
  readonly userId: string;
  readonly chatId: string;
  readonly timezone: string;
  readonly points: number;
  readonly at: number;
}

/** A leaderboard row as stored. */
export interface BoardRow {
  readonly scope: string;
  readonly period: Period;
  readonly key: string;
  readonly userId: string;
  readonly points: number;
}

/** A leaderboard row whose stored points differ from the recomputation (0 when a side is missing). */
export interface BoardDifference {
  readonly scope: string;
  readonly period: Period;
  readonly key: string;
  readonly userId: string;
  readonly stored: number;
  readonly expected: number;
}

const PERIODS: readonly Period[] = ["week", "month", "all"];

/**
 * Rebuilds every leaderboard from the awards (chat boards in the chat's time
 * zone, global boards in UTC), as the app adds them, and lists the stored
 * rows that differ. An empty list means the boards match the log.
 */
export function diffBoards(awards: Iterable<AwardInputRow>, stored: Iterable<BoardRow>): BoardDifference[] {
  const expected = new Map<string, number>();
  const add = (scope: string, period: Period, key: string, userId: string, points: number) => {
    const id = `${scope}\u0000${period}\u0000${key}\u0000${userId}`;
    expected.set(id, (expected.get(id) ?? 0) + points);
  };
  for (const award of awards) {
    for (const period of PERIODS) {
      add(award.chatId, period, periodKey(period, award.at, award.timezone), award.userId, award.points);
      add(GLOBAL_SCOPE, period, periodKey(period, award.at, "UTC"), award.userId, award.points);
    }
  }
  const out: BoardDifference[] = [];
  for (const row of stored) {
    const id = `${row.scope}\u0000${row.period}\u0000${row.key}\u0000${row.userId}`;
    const want = expected.get(id) ?? 0;
    expected.delete(id);
    if (want !== row.points) out.push({ scope: row.scope, period: row.period, key: row.key, userId: row.userId, stored: row.points, expected: want });
  }
  for (const [id, want] of expected) {
    if (want === 0) continue;
    const [scope = "", period = "all", key = "", userId = ""] = id.split("\u0000");
    out.push({ scope, period: period as Period, key, userId, stored: 0, expected: want });
  }
  return out;
}
