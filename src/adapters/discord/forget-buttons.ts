import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from "discord.js";
import type { ConfirmButtons, Reply } from "../../app/replies.ts";
import type { ForgetOutcome } from "../../app/use-cases/forget.ts";
import type { RequestContext } from "../../app/context.ts";
import type { GameApp } from "../../app/game-app.ts";
import { docToMarkdown, MAX_CONTENT } from "./markup.ts";
import type { Response } from "./respond.ts";

/** Custom ids of the `/forget` buttons: `mq:fg:y:<token>` confirms, `mq:fg:n:<token>` cancels. */
const FORGET_ID = /^mq:fg:([yn]):([0-9a-z]{1,16})$/;

/** The confirm (red) and cancel buttons under the `/forget` question. */
export function forgetButtons(confirm: ConfirmButtons): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`mq:fg:y:${confirm.token}`).setLabel(confirm.confirm).setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(`mq:fg:n:${confirm.token}`).setLabel(confirm.cancel).setStyle(ButtonStyle.Secondary),
  );
}

/** A press on a `/forget` button, or undefined when the custom id is anything else. */
export function parseForgetId(customId: string): { readonly confirm: boolean; readonly token: string } | undefined {
  const match = FORGET_ID.exec(customId);
  return match?.[2] ? { confirm: match[1] === "y", token: match[2] } : undefined;
}

/**
 * Answers a `/forget` press: the caller's confirmation or cancellation
 * replaces the question with its outcome; anyone else gets a private notice.
 */
export function forgetPress(app: GameApp, ctx: RequestContext, press: { confirm: boolean; token: string }): Response {
  const outcome: ForgetOutcome = press.confirm ? app.forget.confirm(ctx, press.token) : app.forget.cancel(ctx, press.token);
  const content = docToMarkdown(outcome.doc).slice(0, MAX_CONTENT);
  if (outcome.kind === "not-yours" || outcome.kind === "nothing") return { body: { content }, ephemeral: true };
  return { body: { content, components: [] }, ephemeral: true, update: true };
}

/** The `/forget` question among a command's replies, as an ephemeral message with its buttons. */
export function forgetPromptResponse(replies: readonly Reply[]): Response | undefined {
  const prompt = replies.find((r) => r.type === "doc" && r.confirm !== undefined);
  if (prompt?.type !== "doc" || !prompt.confirm) return undefined;
  return { body: { content: docToMarkdown(prompt.doc).slice(0, MAX_CONTENT), components: [forgetButtons(prompt.confirm)] }, ephemeral: true };
}
