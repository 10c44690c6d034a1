import type { Lang } from "../../core/bank/types.ts";
import type { RoundFinishedPayload, RoundQuestionPayload } from "../../core/game/outbox-payload.ts";
import { checkRoundAnswer, MAX_ROUND_QUESTIONS, scoreRoundQuestion, type RoundRejection, type RoundState } from "../../core/game/round.ts";
import { messages } from "../../core/i18n/index.ts";
import { p } from "../../core/render/doc.ts";
import type { SessionRecord } from "../../core/ports.ts";
import { participants, type AppDeps, type RequestContext } from "../context.ts";
import { notice, type Reply } from "../replies.ts";
import type { AdaptiveService } from "../adaptive-service.ts";
import { closeDueSessions } from "./due-sessions.ts";
import { settleRound } from "./round-end.ts";
import { candidateQuestions, topicList } from "./topics.ts";

/** What happened to a round answer; adapters turn it into a short notice. */
export type RoundAnswerOutcome =
  | { readonly kind: "accepted"; readonly lang: Lang; readonly option: number }
  | { readonly kind: RoundRejection | "already-answered" | "no-round" | "duplicate" | "bot"; readonly lang: Lang };

/**
 * One answer to a round or daily question: the session and question index the
 * platform message belongs to (the chat's open one when absent), the 0-based
 * option, when it was given, and the platform update's id for deduplication.
 */
export interface RoundAnswerInput {
  readonly sessionId?: number;
  readonly index?: number;
  readonly option: number;
  readonly at?: number;
  readonly dedupKey?: string;
  readonly kind?: "round" | "daily";
}

/** Arguments of `/quiz [n] [topic]`, in either order. */
function parseQuizArgs(args: readonly string[]): { count?: number; topic?: string; bad?: true } {
  const out: { count?: number; topic?: string; bad?: true } = {};
  for (const arg of args) {
    if (/^\d+$/.test(arg)) out.count = Number(arg);
    else if (/^-?\d/.test(arg)) out.bad = true;
    else out.topic = arg.toLowerCase();
  }
  return out;
}

/** Rounds: timed questions for the whole chat, scored when each question closes. */
export function createRounds(deps: AppDeps, adaptive: AdaptiveService) {
  const { store, bank, clock } = deps;

  /** The outbox message that posts a round question; also logs the question as asked in the chat. */
  function questionPayload(session: SessionRecord<RoundState>, state: RoundState): RoundQuestionPayload {
    store.recordAsked(session.chatId, state.questionIds[state.index] ?? "", state.openedAt);
    return {
      type: "round-question",
      lang: state.lang,
      sessionId: session.id,
      index: state.index,
      total: state.questionIds.length,
      questionId: state.questionIds[state.index] ?? "",
      openedAt: state.openedAt,
      closesAt: state.closesAt,
    };
  }

  /**
   * Scores the open question, posts its results, and opens the next one or
   * finishes (see `settleRound` for what the end adds). Runs in a transaction.
   */
  function closeQuestion(session: SessionRecord<RoundState>, now: number, stopped: boolean): void {
    const { state } = session;
    const chat = store.getChat(session.chatId);
    const question = bank.byId(state.questionIds[state.index] ?? "");
    if (chat && question) {
      const answers = store.sessionResults(session.id, state.index);
      const outcome = scoreRoundQuestion(question, answers, state.openMs, (id) => store.getUser(id)?.name ?? id);
      if (answers.length > 0) store.recordQuestionStats(question.id, answers.length, answers.filter((a) => a.correct).length, now);
      // The awards go on the leaderboards, and the answers into the adaptive update, when the round ends.
      for (const award of outcome.awards) store.addAward({ ...award, chatId: chat.id }, []);
      store.enqueue(chat.id, {
        type: "round-results",
        lang: state.lang,
        sessionId: session.id,
        index: state.index,
        total: state.questionIds.length,
        questionId: question.id,
        answered: outcome.answered,
        correct: outcome.correct,
        pointsCounted: outcome.pointsCounted,
      }, now);
    }
    const nextIndex = state.index + 1;
    if (!stopped && nextIndex < state.questionIds.length) {
      const next: RoundState = { ...state, index: nextIndex, openedAt: now, closesAt: now + state.openMs };
      store.updateSession(session.id, { state: next, closesAt: next.closesAt, status: "open", updatedAt: now });
      store.enqueue(session.chatId, questionPayload(session, next), now);
      return;
    }
    settleRound(deps, adaptive, session, chat);
    store.updateSession(session.id, { state, closesAt: null, status: stopped ? "stopped" : "finished", updatedAt: now });
    const standings = store.sessionTotals(session.id);
    const finished: RoundFinishedPayload = {
      type: "round-finished",
      lang: state.lang,
      sessionId: session.id,
      asked: state.index + 1,
      total: state.questionIds.length,
      stopped,
      standings,
    };
    store.enqueue(session.chatId, finished, now);
  }

  /** The body of `answer`; runs inside the caller's transaction. */
  function answerInTransaction(ctx: RequestContext, input: RoundAnswerInput): RoundAnswerOutcome {
    const who = participants(store, ctx);
    const lang = who.lang;
    if (ctx.user.isBot) return { kind: "bot", lang };
    const at = input.at ?? clock.now();
    if (input.dedupKey !== undefined && !store.claimUpdate(input.dedupKey, at)) return { kind: "duplicate", lang };
    const session =
      input.sessionId === undefined
        ? store.openSession<RoundState>(ctx.chat.id, input.kind ?? "round")
        : store.getSession<RoundState>(input.sessionId);
    if (!session || (session.kind !== "round" && session.kind !== "daily") || session.chatId !== ctx.chat.id) return { kind: "no-round", lang };
    if (session.status !== "open") return { kind: "closed", lang };
    const { state } = session;
    const index = input.index ?? state.index;
    const question = bank.byId(state.questionIds[index] ?? "");
    if (!question) return { kind: "wrong-question", lang };
    const check = checkRoundAnswer(state, question, index, input.option, at);
    if (!check.ok) return { kind: check.reason, lang };
    const id = store.appendAnswer({
      userId: who.user.id,
      chatId: ctx.chat.id,
      questionId: question.id,
      topic: question.topic,
      sessionId: session.id,
      questionIndex: index,
      option: input.option,
      correct: check.correct,
      answeredAt: at,
      responseMs: check.responseMs,
    });
    if (id === null) return { kind: "already-answered", lang };
    return { kind: "accepted", lang, option: input.option };
  }

  return {
    /** `/quiz [n] [topic]`: starts a round unless one is running; the first question goes out through the outbox. */
    start(ctx: RequestContext, args: readonly string[]): Reply[] {
      const who = participants(store, ctx);
      const t = messages(who.lang);
      const parsed = parseQuizArgs(args);
      const count = parsed.count ?? who.chat.settings.roundQuestions;
      if (parsed.bad || count < 1 || count > MAX_ROUND_QUESTIONS) return [notice([p(t.roundBadCount(MAX_ROUND_QUESTIONS))])];
      const topic = parsed.topic ?? null;
      if (topic !== null && !bank.topic(topic)) return [notice([p(t.unknownTopic(topic, topicList(bank)))])];
      return store.transaction(() => {
        if (store.openSession(ctx.chat.id, "round")) return [notice([p(t.roundAlreadyRunning)])];
        const candidates = candidateQuestions(bank, who.chat, topic);
        const seen = new Map(store.seenInChat(ctx.chat.id).map((s) => [s.questionId, s.lastAt]));
        const picked = adaptive.pickRound(ctx.chat.id, candidates, seen, count);
        if (picked.length === 0) return [notice([p(t.noQuestions)])];
        const now = clock.now();
        const seconds = deps.roundSeconds ?? who.chat.settings.roundSeconds;
        const openMs = seconds * 1000;
        const state: RoundState = {
          questionIds: picked.map((q) => q.id),
          index: 0,
          openedAt: now,
          closesAt: now + openMs,
          openMs,
          topic,
          lang: who.chat.lang ?? who.lang,
        };
        const session = store.createSession({ chatId: ctx.chat.id, kind: "round", startedBy: ctx.user.id, createdAt: now, closesAt: state.closesAt, state });
        store.enqueue(ctx.chat.id, questionPayload(session, state), now);
        return [{ type: "doc", doc: [p(t.roundStarted(picked.length, seconds))] }];
      });
    },

    /**
     * An answer to a round question or a daily question (both are one
     * question open to the whole chat). The first answer per user counts; late,
     * repeated, out-of-range and bot answers are rejected. With `dedupKey`, a
     * redelivered platform update is recognised inside the same transaction.
     */
    answer(ctx: RequestContext, input: RoundAnswerInput): RoundAnswerOutcome {
      // One transaction (one commit) per answer, the user and chat rows included.
      return store.transaction(() => answerInTransaction(ctx, input));
    },

    /**
     * `answer` for a caller that already holds a transaction, the group
     * commit: it opens none of its own, because a nested transaction is a
     * savepoint, and journalling the pages it touches cost a batched answer
     * about as much as its own writes.
     */
    answerInTransaction,

    /** `/stop`: ends the running round (its starter or an admin), posting the results so far. */
    async stop(ctx: RequestContext): Promise<Reply[]> {
      const who = participants(store, ctx);
      const t = messages(who.lang);
      const session = store.openSession<RoundState>(ctx.chat.id, "round");
      if (!session) return [notice([p(t.roundNotRunning)])];
      if (session.startedBy !== ctx.user.id && !(await ctx.isAdmin())) return [notice([p(t.roundStopNotAllowed)])];
      store.transaction(() => {
        const fresh = store.getSession<RoundState>(session.id);
        if (fresh?.status === "open") closeQuestion(fresh, clock.now(), true);
      });
      return [];
    },

    /** Closes every round question whose time is up (also those that fell due while the bot was down). */
    closeDue(now: number = clock.now()): number {
      // After downtime the overdue question is scored now and the next one gets its full time.
      return closeDueSessions(store, "round", now, (session) => closeQuestion(session, now, false));
    },

    /** The chat's open round (or daily question), if any, for typed answers and /report. */
    current(chatId: string, kind: "round" | "daily" = "round"): SessionRecord<RoundState> | undefined {
      return store.openSession<RoundState>(chatId, kind);
    },
  };
}

/** The round use cases. */
export type Rounds = ReturnType<typeof createRounds>;
