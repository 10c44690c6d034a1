import { messages } from "../../core/i18n/index.ts";
import { leaderboardView, renderLeaderboard, renderProgress } from "../../core/render/boards.ts";
import type { CardSpec } from "../../core/render/card-data.ts";
import { archiveCardData, boardTitle, participationDays, PARTICIPATION_DAYS, topCardData } from "../../core/render/cards.ts";
import { p } from "../../core/render/doc.ts";
import type { Lang } from "../../core/bank/types.ts";
import { previousSeasonKey, SEASON_TOP, type SeasonPeriod } from "../../core/game/seasons.ts";
import { computeStreak } from "../../core/game/streaks.ts";
import { renderSeasonArchive } from "../../core/render/daily.ts";
import type { Doc } from "../../core/render/doc.ts";
import type { ChatRecord, Period, UserRecord } from "../../core/ports.ts";
import { addDays, localDateKey, parseDateKey, zonedInstant } from "../../core/time/zoned.ts";
import { chatTitleOf } from "../chat-titles.ts";
import { participants, type AppDeps, type RequestContext } from "../context.ts";
import { notice, type Reply } from "../replies.ts";
import type { AdaptiveService } from "../adaptive-service.ts";
import { boardKey, GLOBAL_SCOPE } from "./board-keys.ts";
import { formatWait } from "./format-wait.ts";

const PERIOD_ARGS: Record<string, Period> = { week: "week", month: "month", all: "all" };
const LAST_ARGS: Record<string, SeasonPeriod> = { "last-week": "week", "last-month": "month" };
const DAY_MS = 86_400_000;
/** Answers are read back in 15-minute slots: every zone's offset is a multiple of 15 minutes, so a slot has one local date. */
const SLOT_MS = 15 * 60_000;

/** Leaderboards (`/top`) and progress (`/me`). */
export function createBoards(deps: AppDeps, adaptive: AdaptiveService) {
  const { store, bank, clock } = deps;

  /**
   * A closed season's final standings: the archive written when it closed,
   * or (for a chat without the daily question, or the global boards) the
   * standings archived now, on the first request after it closed.
   */
  function archived(period: SeasonPeriod, chat: ChatRecord | null, user: UserRecord, lang: Lang, withCard: boolean): Reply {
    const now = clock.now();
    const key = previousSeasonKey(period, now, chat?.timezone ?? "UTC");
    const board = { scope: chat?.id ?? GLOBAL_SCOPE, period, key };
    const rows = store.transaction(() => {
      const stored = store.seasonArchive(board);
      if (stored) return stored;
      const standings = store.top(board, SEASON_TOP);
      store.archiveSeason(board, standings, now);
      return standings;
    });
    const doc: Doc = renderSeasonArchive(period, key, chat === null, rows, lang);
    if (!withCard) return { type: "doc", doc };
    const title = titleOf(chat, lang);
    return { type: "doc", doc, card: { kind: "top", data: archiveCardData(period, key, rows, user.id, lang, title) } };
  }

  /** The name of a board on its card: everyone's, or the chat's title as last seen on its platform. */
  function titleOf(chat: ChatRecord | null, lang: Lang): string {
    return boardTitle(lang, { global: chat === null, kind: chat?.kind ?? "group", title: chat ? chatTitleOf(store, chat.id) : undefined });
  }

  /** Whether the user answered anything on each of the last 56 days, in the chat's time zone (the last entry today). */
  function participation(userId: string, timeZone: string): boolean[] {
    const now = clock.now();
    const slots = store.answerSlots(userId, now - (PARTICIPATION_DAYS + 1) * DAY_MS, SLOT_MS);
    const days = new Set<string>();
    // Slots come sorted: the date is worked out once per day, the rest are compared with its end.
    let dayEnd = Number.NEGATIVE_INFINITY;
    for (const slot of slots) {
      if (slot < dayEnd) continue;
      const date = localDateKey(slot, timeZone);
      days.add(date);
      dayEnd = zonedInstant({ ...parseDateKey(addDays(date, 1)), hour: 0, minute: 0 }, timeZone);
    }
    return participationDays(days, localDateKey(now, timeZone));
  }

  /** The user's daily streak here; in a private chat, their best current streak in any chat. */
  function dailyStreak(userId: string, chat: ChatRecord): { current: number; best: number } | undefined {
    const chats = chat.kind === "group" ? [chat.id] : [...new Set([chat.id, ...store.dailyChatsOf(userId)])];
    let out: { current: number; best: number } | undefined;
    for (const chatId of chats) {
      const days = store.dailyDays(userId, chatId);
      if (days.length === 0) continue;
      const zone = chatId === chat.id ? chat.timezone : (store.getChat(chatId)?.timezone ?? "UTC");
      const streak = computeStreak(days, localDateKey(clock.now(), zone));
      if (!out || streak.current > out.current || (streak.current === out.current && streak.best > out.best)) out = { current: streak.current, best: streak.best };
    }
    return out;
  }

  return {
    /**
     * `/top [week|month|all] [global]`: the top 10 and the caller's rank; weeks
     * follow the chat's time zone. With cards on, also the card (the caller's
     * row highlighted, or added below the top 10).
     */
    top(ctx: RequestContext, args: readonly string[]): Reply[] {
      const who = participants(store, ctx);
      let period: Period = "week";
      let last: SeasonPeriod | undefined;
      let global = false;
      for (const arg of args.map((a) => a.toLowerCase())) {
        const known = PERIOD_ARGS[arg];
        if (known) period = known;
        else if (LAST_ARGS[arg]) last = LAST_ARGS[arg];
        else if (arg === "global") global = true;
        else return [notice([p(messages(who.lang).topUsage)])];
      }
      const withCard = who.chat.settings.cards;
      if (last) return [archived(last, global ? null : who.chat, who.user, who.lang, withCard)];
      const board = boardKey(global ? null : who.chat, period, clock.now());
      const view = leaderboardView(period, global, store.top(board, 10), store.rank(board, who.user.id), who.user.id);
      const doc = renderLeaderboard(view, who.lang);
      if (!withCard) return [{ type: "doc", doc }];
      const card: CardSpec = { kind: "top", data: topCardData(view, who.lang, titleOf(global ? null : who.chat, who.lang), who.user.name) };
      return [{ type: "doc", doc, card }];
    },

    /**
     * `/me`: answers, accuracy overall and per topic, the current run of right
     * answers, and the chat rank; with cards on, also the card (mastery of every
     * topic, the daily streak, 56 days of activity, reviews due).
     */
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
      const daily = dailyStreak(who.user.id, who.chat);
      const weakest = answers > 0 ? report.weakest : undefined;
      const doc = renderProgress({
        name: who.user.name, answers, correct, topics, streak: run === -1 ? recent.length : run, rank,
        weakest: weakest ? title(weakest) : undefined,
        reviewsDue: report.dueReviews,
        nextReview,
        dailyStreak: daily,
      }, who.lang);
      if (!who.chat.settings.cards) return [{ type: "doc", doc }];
      const card: CardSpec = {
        kind: "me",
        data: {
          lang: who.lang,
          name: who.user.name,
          topics: bank.topics.map((t) => ({ key: t.id, title: t.title[who.lang], mastery: report.topics.get(t.id) ?? 0 })),
          weakestTopicKey: weakest,
          answers,
          correct,
          streak: daily ?? { current: 0, best: 0 },
          participation: participation(who.user.id, who.chat.timezone),
          reviewsDue: report.dueReviews,
        },
      };
      return [{ type: "doc", doc, card }];
    },
  };
}

/** The leaderboard and progress use cases. */
export type Boards = ReturnType<typeof createBoards>;
