import type { Lang } from "../bank/types.ts";
import { dailyMessages } from "../i18n/daily.ts";
import { messages } from "../i18n/index.ts";
import type { Period, RankInfo, ScoreRow } from "../ports.ts";
import { bold, p, pre, type Block, type Doc } from "./doc.ts";
import { headOf, listedName, MAX_BOARD_ROWS } from "./limits.ts";
import { competitionRanks } from "./round.ts";
import { formatTable } from "./table.ts";

/** The data behind `/top`: the top rows and the caller's own rank. */
export interface LeaderboardView {
  readonly period: Period;
  readonly global: boolean;
  readonly rows: readonly ScoreRow[];
  /** Ranks of the rows, ties sharing a rank. */
  readonly ranks: readonly number[];
  readonly me: RankInfo | undefined;
  readonly meId: string;
}

/** Builds the view from the store's top rows; ranks follow points, so ties share a place. */
export function leaderboardView(period: Period, global: boolean, rows: readonly ScoreRow[], me: RankInfo | undefined, meId: string): LeaderboardView {
  // The top rows start at rank 1, so competition ranks over them are exact.
  return { period, global, rows, ranks: competitionRanks(rows.map((r) => r.points)), me, meId };
}

/** `/top` as text: a title, an aligned table with the caller marked, and the caller's rank. */
export function renderLeaderboard(view: LeaderboardView, lang: Lang): Doc {
  const t = messages(lang);
  const blocks: Block[] = [p(bold(t.topTitle(t.periodNames[view.period], view.global)))];
  if (view.rows.length === 0) return [...blocks, p(t.topEmpty)];
  // The use case asks the store for ten rows; cut here too, so the text fits whatever it is given.
  const rows = headOf(view.rows, MAX_BOARD_ROWS).shown.map((row, i) => [
    String(view.ranks[i]),
    row.userId === view.meId ? `${listedName(row.name)} ◀` : listedName(row.name),
    String(row.points),
  ]);
  blocks.push(pre(formatTable(t.topHeader, rows, ["right", "left", "right"])));
  blocks.push(p(view.me ? t.yourRank(view.me.rank, view.me.points, view.me.players) : t.youHaveNoPoints));
  return blocks;
}

/** The data behind `/me`. */
export interface ProgressView {
  readonly name: string;
  readonly answers: number;
  readonly correct: number;
  /** Per topic: answers, right answers, and mastery (predicted success on a medium question, 0-1). */
  readonly topics: readonly { readonly title: string; readonly answers: number; readonly correct: number; readonly mastery: number }[];
  readonly streak: number;
  readonly rank: RankInfo | undefined;
  /** The topic with the lowest mastery, once there are answers. */
  readonly weakest?: string | undefined;
  readonly reviewsDue: number;
  /** When the next review falls due (`in 3 h`), if there are cards. */
  readonly nextReview?: string | undefined;
  /** The daily-question streak, once the user has answered one. */
  readonly dailyStreak?: { readonly current: number; readonly best: number } | undefined;
}

function percent(correct: number, answers: number): number {
  return answers === 0 ? 0 : Math.round((100 * correct) / answers);
}

/** `/me` as text: totals, accuracy per topic, the current run of right answers and the chat rank. */
export function renderProgress(view: ProgressView, lang: Lang): Doc {
  const t = messages(lang);
  const blocks: Block[] = [p(bold(t.meTitle(view.name)))];
  if (view.answers === 0) return [...blocks, p(t.meNoAnswers)];
  blocks.push(p(t.meTotals(view.answers, percent(view.correct, view.answers))));
  const rows = view.topics.map((topic) => [topic.title, String(topic.answers), `${percent(topic.correct, topic.answers)}%`, `${Math.round(topic.mastery * 100)}%`]);
  blocks.push(pre(formatTable(t.meTopicHeader, rows, ["left", "right", "right", "right"])));
  if (view.weakest) blocks.push(p(t.meWeakest(view.weakest)));
  blocks.push(p(view.reviewsDue > 0 ? t.meReviewsDue(view.reviewsDue) : view.nextReview ? t.meNextReview(view.nextReview) : t.meNoReviews));
  blocks.push(p(t.meStreak(view.streak)));
  if (view.dailyStreak) blocks.push(p(dailyMessages(lang).meStreak(view.dailyStreak.current, view.dailyStreak.best)));
  if (view.rank) blocks.push(p(t.meRank(view.rank.rank, view.rank.points)));
  return blocks;
}

/** `/help` and the greeting: what memquiz is and the commands. */
export function renderHelp(lang: Lang, withGreeting: boolean): Doc {
  const t = messages(lang);
  const blocks: Block[] = withGreeting ? [p(t.greeting)] : [];
  blocks.push(p(bold(t.helpTitle)), p(Object.values(t.commands).join("\n")));
  return blocks;
}
