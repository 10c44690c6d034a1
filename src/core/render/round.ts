import type { Lang, Question } from "../bank/types.ts";
import type { RoundFinishedPayload, RoundResultsPayload } from "../game/outbox-payload.ts";
import { MIN_ROUND_PLAYERS } from "../game/scoring.ts";
import { messages } from "../i18n/index.ts";
import { bold, p, pre, type Block, type Doc } from "./doc.ts";
import { headOf, listedName, MAX_LISTED_PLAYERS } from "./limits.ts";
import { labelledOption, renderExplanation, type LabelStyle } from "./question.ts";
import { formatTable } from "./table.ts";

/**
 * The results of a closed round question: the answer, the explanation, and
 * who was right, fastest first: the first `MAX_LISTED_PLAYERS` by name and a
 * count of the rest, so the message fits however many played.
 */
export function renderRoundResults(payload: RoundResultsPayload, question: Question, style: LabelStyle): Doc {
  const t = messages(payload.lang);
  const blocks: Block[] = [
    p(bold(t.timeUp(labelledOption(question, question.answer, payload.lang, style)))),
    ...renderExplanation(question, payload.lang, false),
  ];
  if (payload.answered === 0) {
    blocks.push(p(t.noAnswers));
    return blocks;
  }
  if (payload.correct.length === 0) {
    blocks.push(p(t.nobodyRight));
  } else {
    const { shown, more } = headOf(payload.correct, MAX_LISTED_PLAYERS);
    const lines = shown.map(
      (c, i) => `${i + 1}. ${listedName(c.name)} — ${t.seconds(c.responseMs)}${payload.pointsCounted ? `, +${c.points}` : ""}`,
    );
    if (more > 0) lines.push(t.andMorePlayers(more));
    blocks.push(p(t.whoWasRight), p(lines.join("\n")));
  }
  blocks.push(p(t.answeredCount(payload.answered)));
  if (!payload.pointsCounted) blocks.push(p(t.pointsNotCounted(MIN_ROUND_PLAYERS)));
  return blocks;
}

/** Ranks with ties sharing a place: 100, 100, 80 → 1, 1, 3. */
export function competitionRanks(points: readonly number[]): number[] {
  const ranks: number[] = [];
  points.forEach((value, i) => ranks.push(i > 0 && points[i - 1] === value ? (ranks[i - 1] ?? i) : i + 1));
  return ranks;
}

/** A finished (or stopped) round's standings as an aligned table: the top `MAX_LISTED_PLAYERS` and a count of the rest. */
export function renderStandings(payload: RoundFinishedPayload, lang: Lang = payload.lang): Doc {
  const t = messages(lang);
  const title = payload.stopped ? t.roundStopped(payload.asked, payload.total) : t.roundOver;
  if (payload.standings.length === 0) return [p(bold(title)), p(t.noAnswers)];
  // Ranks over everyone, so a tie at the cut keeps its shared place.
  const ranks = competitionRanks(payload.standings.map((s) => s.points));
  const { shown, more } = headOf(payload.standings, MAX_LISTED_PLAYERS);
  const rows = shown.map((s, i) => [String(ranks[i]), listedName(s.name), String(s.points), String(s.correct)]);
  const blocks: Block[] = [p(bold(title)), pre(formatTable(t.standingsHeader, rows, ["right", "left", "right", "right"]))];
  if (more > 0) blocks.push(p(t.andMorePlayers(more)));
  return blocks;
}
