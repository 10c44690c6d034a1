import { Composer, type Context } from "grammy";
import type { Reply } from "../../../app/replies.ts";
import { messages } from "../../../core/i18n/index.ts";
import { spanText } from "../../../core/render/doc.ts";
import { parseCallbackData } from "../callback-data.ts";
import { practiceFeedbackMessage } from "../render.ts";
import type { TelegramDeps } from "../telegram-deps.ts";
import { sendReplies } from "./commands.ts";

/** The plain text of a notice, for a callback alert (at most 200 characters). */
function alertText(replies: readonly Reply[]): string | undefined {
  const notice = replies.find((r) => r.type === "doc");
  if (!notice || notice.type !== "doc") return undefined;
  const text = notice.doc.map((b) => (b.kind === "p" ? b.spans.map(spanText).join("") : "")).join(" ").trim();
  return text.slice(0, 200);
}

/**
 * Practice buttons: an answer edits the message into the verdict with a
 * "Next" button; a stale, forged or foreign press gets a short alert.
 */
export function practiceButtonsFeature(deps: TelegramDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("callback_query:data", async (ctx) => {
    const request = deps.contextOf(ctx);
    const action = parseCallbackData(ctx.callbackQuery.data);
    if (!request || !action) {
      const lang = request ? deps.runtime.app.languageOf(request) : "en";
      await ctx.answerCallbackQuery({ text: messages(lang).staleButton, show_alert: true });
      return;
    }
    const { app } = deps.runtime;
    if (action.kind === "answer") {
      const replies = app.practice.answer(request, action);
      const feedback = replies.find((r) => r.type === "practice-feedback");
      if (!feedback || feedback.type !== "practice-feedback") {
        await ctx.answerCallbackQuery({ text: alertText(replies) ?? messages(app.languageOf(request)).staleButton, show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      const { text, keyboard } = practiceFeedbackMessage(feedback);
      await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
      return;
    }
    const replies = app.practice.next(request, action.sessionId);
    if (!replies.some((r) => r.type === "practice-question")) {
      await ctx.answerCallbackQuery({ text: alertText(replies) ?? messages(app.languageOf(request)).staleButton, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    // The old message keeps its verdict but loses the "Next" button.
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    await sendReplies(ctx, replies);
  });
  return composer;
}
