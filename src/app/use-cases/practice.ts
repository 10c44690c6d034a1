import type { Lang, Question } from "../../core/bank/types.ts";
import { messages } from "../../core/i18n/index.ts";
import { p } from "../../core/render/doc.ts";
import type { SessionRecord } from "../../core/ports.ts";
import { participants, type AppDeps, type Participants, type RequestContext } from "../context.ts";
import { notice, type Reply } from "../replies.ts";
import type { AdaptiveService } from "../adaptive-service.ts";
import { formatWait } from "./format-wait.ts";
import { candidateQuestions, topicList } from "./topics.ts";

/** A practice session's persisted state. */
export interface PracticeState {
  /** `review` serves only due review cards (/review); `practice` mixes in about 30% of them. */
  readonly mode: "practice" | "review";
  readonly topic: string | null;
  /** Whether the open question is a review card: its answer updates the card, not θ or b. */
  readonly review: boolean;
  /** The open question, or null once it has been answered. */
  readonly questionId: string | null;
  /** Running number of the current question; answers and buttons are bound to it. */
  readonly number: number;
  readonly askedAt: number;
}

/** Practice: one question at a time in a private chat; it feeds progress and earns no points. */
export function createPractice(deps: AppDeps, adaptive: AdaptiveService) {
  const { store, bank, clock } = deps;

  function pickFor(who: Participants, state: PracticeState, exclude: string | null): { question: Question; review: boolean } | undefined {
    if (state.mode === "review") {
      const due = adaptive.dueReviews(who.user.id).find((r) => r.question.id !== exclude);
      return due ? { question: due.question, review: true } : undefined;
    }
    const candidates = candidateQuestions(bank, who.chat, state.topic);
    const seen = store.seenByUser(who.user.id, who.chat.id);
    return adaptive.pickPractice(who.user.id, candidates, seen, new Set(exclude === null ? [] : [exclude]));
  }

  /** Why there is nothing to ask: no questions, or (in review mode) when the next review falls due. */
  function nothingToAsk(who: Participants, state: PracticeState): Reply {
    const t = messages(who.lang);
    if (state.mode !== "review") return notice([p(t.noQuestions)]);
    const next = adaptive.nextReviewAt(who.user.id);
    return notice([p(next === undefined ? t.noReviewCards : t.noReviewsDue(formatWait(next - clock.now(), who.lang)))]);
  }

  function ask(session: SessionRecord<PracticeState>, who: Participants, exclude: string | null): Reply[] {
    const pick = pickFor(who, session.state, exclude);
    if (!pick) return [nothingToAsk(who, session.state)];
    const { question } = pick;
    const now = clock.now();
    const state: PracticeState = { ...session.state, questionId: question.id, review: pick.review, number: session.state.number + 1, askedAt: now };
    store.updateSession(session.id, { state, closesAt: null, status: "open", updatedAt: now });
    return [questionReply(session.id, state, question, who.lang)];
  }

  function questionReply(sessionId: number, state: PracticeState, question: Question, lang: Lang): Reply {
    const t = messages(lang);
    const header = state.review ? t.reviewHeader(state.number) : t.practiceHeader(state.number);
    return { type: "practice-question", lang, sessionId, number: state.number, question, header };
  }

  /** Checks that a button press or typed answer belongs to this user's open practice question. */
  function ownSession(ctx: RequestContext, sessionId: number, lang: Lang): SessionRecord<PracticeState> | Reply {
    const t = messages(lang);
    const session = store.getSession<PracticeState>(sessionId);
    if (!session || session.kind !== "practice" || session.chatId !== ctx.chat.id) return notice([p(t.staleButton)]);
    if (session.startedBy !== ctx.user.id) return notice([p(t.notYourPractice)]);
    if (session.status !== "open") return notice([p(t.staleButton)]);
    return session;
  }

  return {
    /** `/practice [topic]` (or `/review`): starts (or restarts) the user's practice with a first question. */
    start(ctx: RequestContext, topicArg: string | undefined, mode: PracticeState["mode"] = "practice"): Reply[] {
      const who = participants(store, ctx);
      const t = messages(who.lang);
      if (ctx.chat.kind !== "private") return [notice([p(t.practiceOnlyPrivate)])];
      const topic = topicArg?.toLowerCase() ?? null;
      if (topic !== null && !bank.topic(topic)) return [notice([p(t.unknownTopic(topic, topicList(bank)))])];
      return store.transaction(() => {
        const previous = store.openSession<PracticeState>(ctx.chat.id, "practice", ctx.user.id);
        const now = clock.now();
        if (previous) store.updateSession(previous.id, { state: previous.state, closesAt: null, status: "finished", updatedAt: now });
        const state: PracticeState = { mode, topic, review: false, questionId: null, number: 0, askedAt: now };
        const session = store.createSession({ chatId: ctx.chat.id, kind: "practice", startedBy: ctx.user.id, createdAt: now, closesAt: null, state });
        return ask(session, who, null);
      });
    },

    /** The "Next" button: the next question of the same practice. */
    next(ctx: RequestContext, sessionId: number): Reply[] {
      const who = participants(store, ctx);
      return store.transaction(() => {
        const session = ownSession(ctx, sessionId, who.lang);
        if ("type" in session) return [session];
        if (session.state.questionId !== null) {
          const question = bank.byId(session.state.questionId);
          if (question) return [questionReply(session.id, session.state, question, who.lang)];
        }
        return ask(session, who, null);
      });
    },

    /** An answer to practice question `number`: stored, then right or wrong with the explanation. */
    answer(ctx: RequestContext, input: { sessionId: number; number: number; option: number }): Reply[] {
      const who = participants(store, ctx);
      const t = messages(who.lang);
      return store.transaction(() => {
        const session = ownSession(ctx, input.sessionId, who.lang);
        if ("type" in session) return [session];
        const { state } = session;
        const question = state.questionId === null ? undefined : bank.byId(state.questionId);
        if (!question || input.number !== state.number) return [notice([p(t.staleButton)])];
        if (!Number.isInteger(input.option) || input.option < 0 || input.option >= question.options.length) {
          return [notice([p(t.pickOption(question.options.length))])];
        }
        const now = clock.now();
        const correct = input.option === question.answer;
        store.appendAnswer({
          userId: who.user.id,
          chatId: ctx.chat.id,
          questionId: question.id,
          topic: question.topic,
          sessionId: session.id,
          questionIndex: state.number,
          option: input.option,
          correct,
          answeredAt: now,
          responseMs: Math.max(0, now - state.askedAt),
        });
        store.recordQuestionStat(question.id, correct, now);
        adaptive.learn(who.user.id, question, correct, state.review);
        store.updateSession(session.id, { state: { ...state, questionId: null }, closesAt: null, status: "open", updatedAt: now });
        return [{ type: "practice-feedback", lang: who.lang, sessionId: session.id, number: state.number, question, option: input.option, correct }];
      });
    },

    /** The user's open practice in this chat and its current question, for typed answers and /report. */
    current(ctx: RequestContext): { session: SessionRecord<PracticeState>; question: Question | undefined } | undefined {
      const session = store.openSession<PracticeState>(ctx.chat.id, "practice", ctx.user.id);
      if (!session) return undefined;
      return { session, question: session.state.questionId === null ? undefined : bank.byId(session.state.questionId) };
    },
  };
}

/** The practice use cases. */
export type Practice = ReturnType<typeof createPractice>;
