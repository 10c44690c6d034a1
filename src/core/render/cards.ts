import type { Lang } from "../bank/types.ts";
import type { SeasonResultsPayload, SeasonRow } from "../game/outbox-payload.ts";
import { cardMessages } from "../i18n/cards.ts";
import type { ChatKind } from "../ports.ts";
import { addDays } from "../time/zoned.ts";
import type { LeaderboardView } from "./boards.ts";
import type { CardRow, CardSpec, SeasonCardData, TopCardData } from "./card-data.ts";
import { competitionRanks } from "./round.ts";

/** Days on the `/me` card's participation calendar: the last 8 weeks. */
export const PARTICIPATION_DAYS = 56;

/** A board's title on a card: everyone's, the chat's own title, or a name for a chat whose title is unknown. */
export function boardTitle(lang: Lang, board: { readonly global: boolean; readonly kind: ChatKind; readonly title?: string | undefined }): string {
  const c = cardMessages(lang);
  if (board.global) return c.everyone;
  if (board.title !== undefined && board.title.trim() !== "") return board.title;
  return board.kind === "private" ? c.privateChat : c.thisChat;
}

/** The `/top` card of a live board: the top rows with the caller's marked, and the caller's own row when further down. */
export function topCardData(view: LeaderboardView, lang: Lang, chatTitle: string, callerName: string): TopCardData {
  const rows = view.rows.map((row, i) => ({ rank: view.ranks[i] ?? i + 1, name: row.name, points: row.points, isCaller: row.userId === view.meId }));
  const listed = rows.some((row) => row.isCaller);
  return {
    lang,
    chatTitle,
    periodLabel: cardMessages(lang).period[view.period],
    rows,
    callerRow: !listed && view.me ? { rank: view.me.rank, name: callerName, points: view.me.points } : undefined,
  };
}

/** Final standings with ties sharing a rank. */
function rankedRows(rows: readonly SeasonRow[]): CardRow[] {
  const ranks = competitionRanks(rows.map((r) => r.points));
  return rows.map((row, i) => ({ rank: ranks[i] ?? i + 1, name: row.name, points: row.points }));
}

/** The `/top last-week|last-month` card: a closed season's archived top rows, the caller's marked when among them. */
export function archiveCardData(period: "week" | "month", key: string, rows: readonly SeasonRow[], meId: string, lang: Lang, chatTitle: string): TopCardData {
  const ranked = rankedRows(rows);
  return {
    lang,
    chatTitle,
    periodLabel: cardMessages(lang).season(period, key),
    rows: ranked.map((row, i) => ({ ...row, isCaller: rows[i]?.userId === meId })),
  };
}

/** The card posted when a season closes: its label, the chat and the final top rows. */
export function seasonCardData(period: "week" | "month", key: string, standings: readonly SeasonRow[], lang: Lang, chatTitle: string): SeasonCardData {
  return { lang, chatTitle, seasonLabel: cardMessages(lang).season(period, key), rows: rankedRows(standings) };
}

/** The card to send with a season's results, or undefined when the chat had cards off (or nobody scored). */
export function seasonCardOf(payload: SeasonResultsPayload): CardSpec | undefined {
  if (!payload.card || payload.standings.length === 0) return undefined;
  return { kind: "season", data: seasonCardData(payload.period, payload.key, payload.standings, payload.lang, payload.card.chatTitle) };
}

/** The last `days` local dates ending `today`, oldest first: whether each is among `active`. */
export function participationDays(active: ReadonlySet<string>, today: string, days: number = PARTICIPATION_DAYS): boolean[] {
  return Array.from({ length: days }, (_, i) => active.has(addDays(today, i - (days - 1))));
}
