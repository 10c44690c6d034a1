import { DAILY_REVEAL_NAMES, dailyPoints } from "../../core/game/daily-score.ts";
import { MAX_DAILY_LATENESS_MS, nextPostAfter } from "../../core/game/daily.ts";
import type { DailyWinner } from "../../core/game/outbox-payload.ts";
import type { RoundState } from "../../core/game/round.ts";
import { previousSeasonKey, SEASON_PERIODS, SEASON_TOP } from "../../core/game/seasons.ts";
import { computeStreak } from "../../core/game/streaks.ts";
import { boardTitle } from "../../core/render/cards.ts";
import type { ChatRecord, SessionRecord } from "../../core/ports.ts";
import { periodKey } from "../../core/time/periods.ts";
import { localDateKey } from "../../core/time/zoned.ts";
import type { AdaptiveService } from "../adaptive-service.ts";
import { chatTitleOf } from "../chat-titles.ts";
import type { AppDeps } from "../context.ts";
import { boardsForAward } from "./board-keys.ts";
import { localClock, localStamp } from "./daily-schedule.ts";
import { closeDueSessions } from "./due-sessions.ts";
import { candidateQuestions } from "./topics.ts";

const HOUR_MS = 3_600_000;

/** Who started a scheduled daily question (a user id for `/daily now`). */
export const SCHEDULER = "daily";

/** What posting a daily question did. */
export type PostOutcome = { readonly kind: "posted"; readonly sessionId: number } | { readonly kind: "no-questions" };

/**
 * The daily question's engine: posts each enabled chat's question when it
 * falls due (recorded in `daily_posts` in the same transaction as the outbox
 * message, so a date is never posted twice), reveals it when its time is up,
 * and closes the chat's seasons before the first post of a new week or month.
 */
export function createDailyEngine(deps: AppDeps, adaptive: AdaptiveService) {
  const { store, bank, clock, log } = deps;

  /** Posts a daily question for `date` now. Runs inside the caller's transaction. */
  function post(chat: ChatRecord, date: string, dueAt: number, now: number, startedBy: string): PostOutcome {
    const seen = new Map(store.seenInChat(chat.id).map((s) => [s.questionId, s.lastAt]));
    const question = adaptive.pickDaily(chat.id, candidateQuestions(bank, chat, null), seen);
    if (!question) return { kind: "no-questions" };
    const openMs = chat.settings.daily.revealHours * HOUR_MS;
    const lang = chat.lang ?? "en";
    const state: RoundState = { questionIds: [question.id], index: 0, openedAt: now, closesAt: now + openMs, openMs, topic: null, lang };
    const session = store.createSession({ chatId: chat.id, kind: "daily", startedBy, createdAt: now, closesAt: state.closesAt, state });
    store.recordDailyPost({ chatId: chat.id, date, sessionId: session.id, questionId: question.id, dueAt, postedAt: now });
    store.recordAsked(chat.id, question.id, now);
    store.enqueue(chat.id, {
      type: "daily-question",
      lang,
      sessionId: session.id,
      questionId: question.id,
      date,
      openedAt: now,
      closesAt: state.closesAt,
      revealTime: localClock(state.closesAt, chat.timezone),
    }, now);
    return { kind: "posted", sessionId: session.id };
  }

  /** Scores a daily question, posts its reveal, and closes it. Runs inside the caller's transaction. */
  function reveal(session: SessionRecord<RoundState>, now: number): void {
    const { state } = session;
    const chat = store.getChat(session.chatId);
    const question = bank.byId(state.questionIds[0] ?? "");
    store.updateSession(session.id, { state, closesAt: null, status: "finished", updatedAt: now });
    if (!chat || !question) return;
    const date = store.dailyPostOf(session.id)?.date ?? localDateKey(state.openedAt, chat.timezone);
    const answers = store.sessionAnswers(session.id, 0);
    const winners: DailyWinner[] = [];
    for (const answer of answers) {
      store.recordQuestionStat(answer.questionId, answer.correct, now);
      adaptive.learn(answer.userId, question, answer.correct, false);
      if (!answer.correct) continue;
      const streak = computeStreak(store.dailyDays(answer.userId, chat.id), date).current;
      const points = dailyPoints(question, true, streak);
      store.addAward({ answerId: answer.id, userId: answer.userId, chatId: chat.id, points, at: answer.answeredAt }, boardsForAward(chat, answer.answeredAt));
      winners.push({ userId: answer.userId, name: store.getUser(answer.userId)?.name ?? answer.userId, points, streak });
    }
    store.enqueue(chat.id, {
      type: "daily-reveal",
      lang: state.lang,
      sessionId: session.id,
      questionId: question.id,
      date,
      answered: answers.length,
      correctCount: winners.length,
      correct: winners.slice(0, DAILY_REVEAL_NAMES),
    }, now);
  }

  /**
   * Archives the seasons (chat week and month) that closed before `now`, once
   * each; posts their standings when the chat had the daily question on
   * during that season. Runs inside the caller's transaction.
   */
  function closeSeasons(chat: ChatRecord, now: number): void {
    const last = store.lastDailyPost(chat.id);
    for (const period of SEASON_PERIODS) {
      const key = previousSeasonKey(period, now, chat.timezone);
      const board = { scope: chat.id, period, key };
      if (store.seasonArchive(board) !== undefined) continue;
      const standings = store.top(board, SEASON_TOP);
      store.archiveSeason(board, standings, now);
      const wasOn = last !== undefined && periodKey(period, last.dueAt, chat.timezone) === key;
      if (wasOn && standings.length > 0) {
        const lang = chat.lang ?? "en";
        // With cards on, the adapters draw the podium from these standings; the card needs only the chat's name.
        const card = chat.settings.cards ? { chatTitle: boardTitle(lang, { global: false, kind: chat.kind, title: chatTitleOf(store, chat.id) }) } : undefined;
        store.enqueue(chat.id, { type: "season-results", lang, period, key, standings, ...(card ? { card } : {}) }, now);
      }
    }
  }

  /** Handles one chat whose daily question fell due at `dueAt`. Runs inside a transaction. */
  function dueInChat(chatId: string, dueAt: number, now: number): void {
    const chat = store.getChat(chatId);
    if (!chat || !chat.settings.daily.enabled) {
      store.setDailyNext(chatId, null);
      return;
    }
    const date = localDateKey(dueAt, chat.timezone);
    const last = store.lastDailyPost(chat.id)?.date ?? null;
    if (last === null || last < date) {
      const open = store.openSession<RoundState>(chat.id, "daily");
      if (open) reveal(open, now);
      closeSeasons(chat, now);
      if (now - dueAt > MAX_DAILY_LATENESS_MS) {
        store.recordDailyPost({ chatId: chat.id, date, sessionId: null, questionId: null, dueAt, postedAt: now });
        const hours = ((now - dueAt) / HOUR_MS).toFixed(1);
        log?.warn(`daily: skipped ${chat.id}'s question of ${date} (due ${localStamp(dueAt, chat.timezone)}), ${hours} h late; posts more than 2 h late are not sent`);
      } else if (post(chat, date, dueAt, now, SCHEDULER).kind === "no-questions") {
        store.recordDailyPost({ chatId: chat.id, date, sessionId: null, questionId: null, dueAt, postedAt: now });
        log?.warn(`daily: no question to post in ${chat.id} on ${date}`);
      }
    }
    // A skipped date may be followed by one that is still recent enough to post.
    const next = nextPostAfter(chat.settings.daily, chat.timezone, Math.max(dueAt, now - MAX_DAILY_LATENESS_MS - 1), store.lastDailyPost(chat.id)?.date ?? date);
    store.setDailyNext(chat.id, next?.at ?? null);
  }

  return {
    post,

    /** Posts (or skips, when too late) every daily question due at `now`; returns how many chats were handled. */
    postDue(now: number = clock.now()): number {
      let handled = 0;
      const done = new Set<string>();
      for (;;) {
        const due = store.dueDailyChats(now, 200).filter((d) => !done.has(`${d.chatId}@${d.dueAt}`));
        if (due.length === 0) return handled;
        for (const { chatId, dueAt } of due) {
          done.add(`${chatId}@${dueAt}`);
          store.transaction(() => dueInChat(chatId, dueAt, now));
          handled++;
        }
      }
    },

    /** Reveals every daily question whose time is up (also those that fell due while the bot was down). */
    revealDue(now: number = clock.now()): number {
      return closeDueSessions(store, "daily", now, (session) => reveal(session, now));
    },

    /** The chat's local date today, and whether its daily question of today was already posted. */
    today(chat: ChatRecord, now: number): { date: string; posted: boolean } {
      const date = localDateKey(now, chat.timezone);
      const last = store.lastDailyPost(chat.id)?.date ?? null;
      return { date, posted: last !== null && last >= date };
    },
  };
}

/** The daily question's engine. */
export type DailyEngine = ReturnType<typeof createDailyEngine>;
