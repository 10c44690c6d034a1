import { Composer, InlineKeyboard, type Context } from "grammy";
import type { ConfirmButtons } from "../../../app/replies.ts";
import { parseCommand } from "../../../core/game/commands.ts";
import { toPlainText } from "../../../core/render/doc.ts";
import { docToHtml } from "../markup.ts";
import type { TelegramDeps } from "../telegram-deps.ts";
import { sendReplies } from "./commands.ts";

/** `callback_data` of the confirm (`fg:y:<token>`) and cancel (`fg:n:<token>`) buttons. */
const FORGET_DATA = /^fg:([yn]):([0-9a-z]{1,16})$/;

/** The two buttons under the `/forget` question. */
export function forgetKeyboard(confirm: ConfirmButtons): InlineKeyboard {
  return new InlineKeyboard().text(confirm.confirm, `fg:y:${confirm.token}`).text(confirm.cancel, `fg:n:${confirm.token}`);
}

/**
 * `/forget` on Telegram: the question goes out as a reply to the command
 * with confirm and cancel buttons (in a group too, where only the caller's
 * press counts). A confirmation or cancellation edits the question into the
 * outcome; anyone else's press gets a short alert and changes nothing.
 * Registered before the generic command and button features.
 */
export function forgetFeature(deps: TelegramDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("forget", async (ctx) => {
    const request = deps.contextOf(ctx);
    const parsed = parseCommand(ctx.msg.text ?? "");
    if (!request || !parsed) return;
    for (const reply of await deps.runtime.app.command(request, parsed)) {
      if (reply.type !== "doc" || !reply.confirm) {
        await sendReplies(ctx, [reply]);
        continue;
      }
      await ctx.reply(docToHtml(reply.doc), {
        parse_mode: "HTML",
        reply_markup: forgetKeyboard(reply.confirm),
        reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
      });
    }
  });
  composer.callbackQuery(FORGET_DATA, async (ctx) => {
    const request = deps.contextOf(ctx);
    const [, answer, token] = ctx.match;
    if (!request || !token) return;
    const { forget } = deps.runtime.app;
    const outcome = answer === "y" ? forget.confirm(request, token) : forget.cancel(request, token);
    if (outcome.kind === "not-yours" || outcome.kind === "nothing") {
      await ctx.answerCallbackQuery({ text: toPlainText(outcome.doc).slice(0, 200), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery(outcome.kind === "expired" ? { text: toPlainText(outcome.doc).slice(0, 200), show_alert: true } : {});
    // The question becomes its outcome and loses its buttons (an old message may no longer be editable).
    await ctx.editMessageText(docToHtml(outcome.doc), { parse_mode: "HTML", reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
  });
  return composer;
}
