import type { Lang, Question } from "../bank/types.ts";
import type { DailyQuestionPayload, DailyRevealPayload, SeasonResultsPayload, SeasonRow } from "../game/outbox-payload.ts";
import { dailyMessages } from "../i18n/daily.ts";
import { messages } from "../i18n/index.ts";
import { bold, p, pre, type Block, type Doc } from "./doc.ts";
import { headOf, listedName, MAX_BOARD_ROWS } from "./limits.ts";
import { labelledOption, renderExplanation, renderQuestion, type LabelStyle } from "./question.ts";
import { competitionRanks } from "./round.ts";
import { formatTable } from "./table.ts";

/** The header line of a daily question. */
export function dailyHeader(payload: DailyQuestionPayload): string {
  return dailyMessages(payload.lang).header(payload.date, payload.revealTime);
}

/** The daily question as text: header, prompt, code and options. */
export function renderDailyQuestion(payload: DailyQuestionPayload, question: Question, style: LabelStyle, listOptions: boolean): Doc {
  return renderQuestion(question, payload.lang, { header: dailyHeader(payload), style, listOptions });
}

/** The reveal: the right option, the explanation, the first ten who were right with points and streaks, and the count. */
export function renderDailyReveal(payload: DailyRevealPayload, question: Question, style: LabelStyle): Doc {
  const d = dailyMessages(payload.lang);
  const blocks: Block[] = [
    p(bold(d.revealTitle(payload.date, labelledOption(question, question.answer, payload.lang, style)))),
    ...renderExplanation(question, payload.lang, false),
  ];
  if (payload.answered === 0) return [...blocks, p(d.noAnswers)];
  if (payload.correctCount === 0) {
    blocks.push(p(d.nobodyRight));
  } else {
    // The use case names at most ten; cut here too, so an old or odd payload still fits.
    const { shown } = headOf(payload.correct, MAX_BOARD_ROWS);
    const lines = shown.map((w, i) => `${i + 1}. ${d.winnerLine(listedName(w.name), w.points, w.streak)}`);
    const more = Math.max(payload.correctCount, payload.correct.length) - shown.length;
    if (more > 0) lines.push(d.andMore(more));
    blocks.push(p(d.rightList(payload.correctCount)), p(lines.join("\n")));
  }
  blocks.push(p(d.answered(payload.answered)));
  return blocks;
}

/** A standings table with ties sharing a place: the top `MAX_BOARD_ROWS` (the season archive keeps no more). */
function standingsTable(rows: readonly SeasonRow[], lang: Lang): Block {
  const ranks = competitionRanks(rows.map((r) => r.points));
  const { shown } = headOf(rows, MAX_BOARD_ROWS);
  return pre(formatTable(messages(lang).topHeader, shown.map((r, i) => [String(ranks[i]), listedName(r.name), String(r.points)]), ["right", "left", "right"]));
}

/** A closed season's post: the title, the winner and the top ten. */
export function renderSeasonResults(payload: SeasonResultsPayload): Doc {
  const d = dailyMessages(payload.lang);
  const blocks: Block[] = [p(bold(d.seasonTitle(payload.period, payload.key)))];
  const winner = payload.standings[0];
  if (winner === undefined) return [...blocks, p(d.seasonEmpty)];
  blocks.push(p(d.seasonWinner(listedName(winner.name), winner.points)), standingsTable(payload.standings, payload.lang));
  return blocks;
}

/** `/top last-week|last-month`: a closed season's archived standings. */
export function renderSeasonArchive(period: "week" | "month", key: string, global: boolean, rows: readonly SeasonRow[], lang: Lang): Doc {
  const d = dailyMessages(lang);
  if (rows.length === 0) return [p(bold(d.archiveTitle(period, key, global))), p(d.archiveEmpty(period, key))];
  const winner = rows[0];
  return [
    p(bold(d.archiveTitle(period, key, global))),
    ...(winner ? [p(d.seasonWinner(listedName(winner.name), winner.points))] : []),
    standingsTable(rows, lang),
  ];
}
