import { messages } from "../../core/i18n/index.ts";
import { p } from "../../core/render/doc.ts";
import type { RoundState } from "../../core/game/round.ts";
import { participants, type AppDeps, type RequestContext } from "../context.ts";
import { notice, type Reply } from "../replies.ts";
import type { PracticeState } from "./practice.ts";

/** The longest report text kept. */
export const MAX_REPORT_LENGTH = 1000;

/** `/report <text>`: stores a report on the question the user saw last in this chat. */
export function createReports(deps: AppDeps) {
  const { store, clock } = deps;

  function lastQuestion(userId: string, chatId: string): string | undefined {
    const round = store.openSession<RoundState>(chatId, "round");
    if (round) return round.state.questionIds[round.state.index];
    const practice = store.openSession<PracticeState>(chatId, "practice", userId);
    if (practice?.state.questionId) return practice.state.questionId;
    return store.lastQuestion(userId, chatId);
  }

  return {
    /** Saves the report, or explains the usage when there is no text or no recent question. */
    report(ctx: RequestContext, text: string): Reply[] {
      const who = participants(store, ctx);
      const t = messages(who.lang);
      if (text.trim() === "") return [notice([p(t.reportUsage)])];
      const questionId = lastQuestion(who.user.id, ctx.chat.id);
      if (!questionId) return [notice([p(t.reportNothing)])];
      // In a transaction, so a platform update's claim commits with the report (see `update-claims.ts`).
      store.transaction(() => store.addReport({ userId: who.user.id, chatId: ctx.chat.id, questionId, text: text.trim().slice(0, MAX_REPORT_LENGTH), createdAt: clock.now() }));
      return [notice([p(t.reportSaved(questionId))])];
    },
  };
}
