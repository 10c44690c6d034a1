import { messages } from "../../core/i18n/index.ts";
import { leaderboardView, renderLeaderboard, renderProgress } from "../../core/render/boards.ts";
import { p } from "../../core/render/doc.ts";
import type { Period } from "../../core/ports.ts";
import { participants, type AppDeps, type RequestContext } from "../context.ts";
import { notice, type Reply } from "../replies.ts";
import type { AdaptiveService } from "../adaptive-service.ts";
import { boardKey } from "./board-keys.ts";
import { formatWait } from "./format-wait.ts";

const PERIOD_ARGS: Record<string, Period> = { week: "week", month: "month", all: "all" };

/** Leaderboards (`/top`) and progress (`/me`). */
export function createBoards(deps: AppDeps, adaptive: AdaptiveService) {
  const { store, bank, clock } = deps;
  return {
    /** `/top [week|month|all] [global]`: the top 10 and the caller's rank; weeks follow the chat's time zone. */
    top(ctx: RequestContext, args: readonly string[]): Reply[] {
      const who = participants(store, ctx);
      let period: Period = "week";
      let global = false;
      for (const arg of args.map((a) => a.toLowerCase())) {
        const known = PERIOD_ARGS[arg];
        if (known) period = known;
        else if (arg === "global") global = true;
        else return [notice([p(messages(who.lang).topUsage)])];
      }
      const board = boardKey(global ? null : who.chat, period, clock.now());
      const view = leaderboardView(period, global, store.top(board, 10), store.rank(board, who.user.id), who.user.id);
      return [{ type: "doc", doc: renderLeaderboard(view, who.lang) }];
    },

    /** `/me`: answers, accuracy overall and per topic, the current run of right answers, and the chat rank. */
    me(ctx: RequestContext): Reply[] {
      const who = participants(store, ctx);
      const progress = store.topicProgress(who.user.id);
      const answers = progress.reduce((n, t) => n + t.answers, 0);
      const correct = progress.reduce((n, t) => n + t.correct, 0);
      const recent = store.recentResults(who.user.id, 1000);
      const run = recent.findIndex((right) => !right);
      const report = adaptive.mastery(who.user.id);
      const title = (topic: string) => bank.topic(topic)?.title[who.lang] ?? topic;
      const topics = progress.map((t) => ({ ...t, title: title(t.topic), mastery: report.topics.get(t.topic) ?? 0 }));
      const rank = store.rank(boardKey(who.chat, "all", clock.now()), who.user.id);
      const nextReview = report.nextReviewAt === undefined ? undefined : formatWait(report.nextReviewAt - clock.now(), who.lang);
      return [{
        type: "doc",
        doc: renderProgress({
          name: who.user.name, answers, correct, topics, streak: run === -1 ? recent.length : run, rank,
          weakest: answers > 0 && report.weakest ? title(report.weakest) : undefined,
          reviewsDue: report.dueReviews,
          nextReview,
        }, who.lang),
      }];
    },
  };
}

/** The leaderboard and progress use cases. */
export type Boards = ReturnType<typeof createBoards>;
