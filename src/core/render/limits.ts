/**
 * How much of a list of players a message shows. A round in a big group can
 * have thousands of players; every message must still fit the smallest limit
 * of the platforms (a Discord message: 2,000 characters; Telegram: 4,096), so
 * lists are cut to their head and a count of the rest, and names are cut.
 *
 * With these caps the longest list message stays under 2,000 characters:
 * 20 lines of at most 32-character names (64 after Discord's escaping), plus
 * the answer, the explanation (200) and the source.
 */

/** Players named in a round question's results (fastest first) and in a round's standings. */
export const MAX_LISTED_PLAYERS = 20;

/** Rows of a leaderboard or a season's standings shown as text. */
export const MAX_BOARD_ROWS = 10;

/** The longest name shown in a list, in code points. */
export const MAX_LISTED_NAME = 32;

/** A name as listed: cut to `MAX_LISTED_NAME` code points with an ellipsis, never inside a surrogate pair. */
export function listedName(name: string): string {
  const points = [...name];
  return points.length <= MAX_LISTED_NAME ? name : `${points.slice(0, MAX_LISTED_NAME - 1).join("")}…`;
}

/** The first `max` items of a list and how many were left out. */
export function headOf<T>(items: readonly T[], max: number): { readonly shown: readonly T[]; readonly more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}
