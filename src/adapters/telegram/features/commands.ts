import { Composer, type Context } from "grammy";
import { rememberChatTitle } from "../../../app/chat-titles.ts";
import { COMMAND_NAMES } from "../../../app/game-app.ts";
import type { Reply } from "../../../app/replies.ts";
import type { CardDrawer } from "../../../cards/index.ts";
import { parseCommand } from "../../../core/game/commands.ts";
import { sendCardPhoto } from "../card-photo.ts";
import { docToHtml } from "../markup.ts";
import { practiceQuestionMessage } from "../render.ts";
import type { TelegramDeps } from "../telegram-deps.ts";

/** What sending replies may need besides the update: the card drawer, and a log for refused photos. */
export interface ReplyTools {
  readonly drawCard: CardDrawer;
  readonly warn: (message: string) => void;
}

/**
 * Sends command replies: text as HTML (a reply with a card as a photo with the
 * text as its caption, or the text alone when the card can't be drawn or
 * sent), practice questions with their buttons.
 */
export async function sendReplies(ctx: Context, replies: readonly Reply[], tools?: ReplyTools): Promise<void> {
  for (const reply of replies) {
    if (reply.type === "doc") {
      const replyTo = reply.private && ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {};
      const html = docToHtml(reply.doc);
      const image = reply.card && tools?.drawCard(reply.card);
      if (image && tools) {
        const target = {
          sendPhoto: (photo: Parameters<Context["replyWithPhoto"]>[0], caption: string | undefined) =>
            ctx.replyWithPhoto(photo, { ...(caption === undefined ? {} : { caption, parse_mode: "HTML" as const }), ...replyTo }),
          sendText: (text: string) => ctx.reply(text, { parse_mode: "HTML", ...replyTo }),
        };
        const refused = (reason: string) => tools.warn(`telegram: the ${reply.card?.kind} card was refused (${reason}); sent the text instead`);
        if (await sendCardPhoto(target, image, html, refused)) continue;
      }
      await ctx.reply(html, { parse_mode: "HTML", ...replyTo });
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
    // Group titles name the chat on cards, also on season posts made without a request.
    if (ctx.chat.type !== "private") rememberChatTitle(deps.runtime.deps.store, request.chat.id, ctx.chat.title, deps.runtime.deps.clock.now());
    await sendReplies(ctx, await deps.runtime.app.command(request, parsed), { drawCard: deps.drawCard, warn: (m) => deps.log.warn(m) });
    await deps.runtime.settle();
  });
  return composer;
}
