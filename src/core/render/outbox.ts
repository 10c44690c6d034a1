import type { Bank } from "../bank/types.ts";
import type { OutboxPayload } from "../game/outbox-payload.ts";
import { messages } from "../i18n/index.ts";
import { p, type Doc } from "./doc.ts";
import { renderQuestion, type LabelStyle } from "./question.ts";
import { renderRoundResults, renderStandings } from "./round.ts";
import { renderDailyQuestion, renderDailyReveal, renderSeasonResults } from "./daily.ts";

/**
 * An outbox message as a text document: what text-only chats show, and the
 * fallback for platforms that post some payloads natively (Telegram polls).
 */
export function renderOutboxDoc(payload: OutboxPayload, bank: Bank, style: LabelStyle, listOptions: boolean): Doc {
  switch (payload.type) {
    case "round-question": {
      const question = bank.byId(payload.questionId);
      if (!question) return [p(`[${payload.questionId}]`)];
      const t = messages(payload.lang);
      const seconds = Math.round((payload.closesAt - payload.openedAt) / 1000);
      return renderQuestion(question, payload.lang, {
        header: t.roundQuestionHeader(payload.index + 1, payload.total, seconds),
        style,
        listOptions,
      });
    }
    case "round-results": {
      const question = bank.byId(payload.questionId);
      return question ? renderRoundResults(payload, question, style) : [p(`[${payload.questionId}]`)];
    }
    case "round-finished":
      return renderStandings(payload);
    case "daily-question": {
      const question = bank.byId(payload.questionId);
      return question ? renderDailyQuestion(payload, question, style, listOptions) : [p(`[${payload.questionId}]`)];
    }
    case "daily-reveal": {
      const question = bank.byId(payload.questionId);
      return question ? renderDailyReveal(payload, question, style) : [p(`[${payload.questionId}]`)];
    }
    case "season-results":
      return renderSeasonResults(payload);
  }
}
