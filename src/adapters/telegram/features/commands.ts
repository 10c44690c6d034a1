import { Composer, type Context } from "grammy";
import { COMMAND_NAMES } from "../../../app/game-app.ts";
import type { Reply } from "../../../app/replies.ts";
import { parseCommand } from "../../../core/game/commands.ts";
import { docToHtml } from "../markup.ts";
import { practiceQuestionMessage } from "../render.ts";
import type { TelegramDeps } from "../telegram-deps.ts";

/** Sends command replies: text as HTML, practice questions with their buttons. */
export async function sendReplies(ctx: Context, replies: readonly Reply[]): Promise<void> {
  for (const reply of replies) {
    if (reply.type === "doc") {
      const replyTo = reply.private && ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {};
      await ctx.reply(docToHtml(reply.doc), { parse_mode: "HTML", ...replyTo });
    } else if (reply.type === "practice-question") {
      const { text, keyboard } = practiceQuestionMessage(reply);
      await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
    }
  }
}

/** Every chat command: parsed once and handed to the app; `/cmd@botname` works in groups. */
export function commandsFeature(deps: TelegramDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command([...COMMAND_NAMES], async (ctx) => {
    const request = deps.contextOf(ctx);
    const parsed = parseCommand(ctx.msg.text ?? "");
    if (!request || !parsed) return;
    await sendReplies(ctx, await deps.runtime.app.command(request, parsed));
    await deps.runtime.settle();
  });
  return composer;
}
