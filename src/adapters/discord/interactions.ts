import type { ButtonInteraction, ChatInputCommandInteraction, Interaction } from "discord.js";
import { rememberChatTitle } from "../../app/chat-titles.ts";
import type { Logger } from "../../app/logger.ts";
import type { PracticeQuestionReply, Reply } from "../../app/replies.ts";
import type { Runtime } from "../../app/runtime.ts";
import type { TimerPort } from "../../app/ticker.ts";
import type { RoundAnswerOutcome } from "../../app/use-cases/rounds.ts";
import { createCardDrawer, type CardDrawer } from "../../cards/index.ts";
import { messages } from "../../core/i18n/index.ts";
import { inputMessages } from "../../core/i18n/input.ts";
import { renderFeedback } from "../../core/render/question.ts";
import { cardAttachment, channelTitle } from "./card-files.ts";
import { DISCORD_COMMANDS } from "./commands/index.ts";
import { answerRows, docEmbed, questionEmbed, singleButton } from "./components.ts";
import { parseCustomId, practiceAnswerId, practiceNextId } from "./custom-ids.ts";
import { forgetPress, forgetPromptResponse, parseForgetId } from "./forget-buttons.ts";
import { commandArgs } from "./command-args.ts";
import { docToMarkdown } from "./markup.ts";
import { requestContext } from "./request-context.ts";
import { createResponder, type Response } from "./respond.ts";
import { optionLabel } from "../../core/render/question.ts";

const BY_NAME = new Map(DISCORD_COMMANDS.map((c) => [c.name, c]));

function questionResponse(reply: PracticeQuestionReply, update: boolean): Response {
  return {
    body: {
      embeds: [questionEmbed(reply.question, reply.lang, reply.header)],
      components: answerRows(reply.question.options.length, (i) => practiceAnswerId(reply.sessionId, reply.number, i)),
    },
    ephemeral: true,
    update,
  };
}

function replyResponse(reply: Reply, personal: boolean, drawCard: CardDrawer): Response | undefined {
  if (reply.type === "doc") {
    // A card goes as a PNG attachment under the text; the text alone when it can't be drawn.
    const image = reply.card && drawCard(reply.card);
    const files = image ? { files: [cardAttachment(image)] } : {};
    // Over-long text is cut on a safe boundary by the responder (see `fitMessageBody`).
    return { body: { content: docToMarkdown(reply.doc), ...files }, ephemeral: personal || reply.private === true };
  }
  if (reply.type === "practice-question") return questionResponse(reply, false);
  return undefined;
}

function outcomeText(outcome: RoundAnswerOutcome): string {
  const t = messages(outcome.lang);
  switch (outcome.kind) {
    case "accepted":
      return t.answerLocked(optionLabel(outcome.option, "letters"));
    case "already-answered":
    case "duplicate":
      return t.alreadyAnswered;
    case "bad-option":
      return t.pickOption(8);
    default:
      return t.questionClosed;
  }
}

/**
 * Handles slash commands and button presses: each interaction is claimed by
 * id (a duplicate is handled once), answered within Discord's 3 seconds, and
 * has its own error boundary that logs the interaction id and answers politely.
 */
export function createInteractionHandler(deps: { runtime: Runtime; log: Logger; timers: TimerPort }) {
  const { runtime, log, timers } = deps;
  const { app } = runtime;
  const { store, clock } = runtime.deps;
  const drawCard = createCardDrawer(log);
  const cut = (what: string) => log.warn(`discord: ${what}`);

  async function command(interaction: ChatInputCommandInteraction): Promise<void> {
    const spec = BY_NAME.get(interaction.commandName);
    if (!spec) return;
    const responder = createResponder(interaction, timers, spec.personal, cut);
    const ctx = requestContext(interaction, spec.personal);
    const args = commandArgs(spec, interaction);
    if (!args) return responder.send({ body: { content: inputMessages(app.languageOf(ctx)).badOptions(spec.name) }, ephemeral: true });
    // Channel titles name the chat on cards, also on season posts made without a request.
    if (!spec.personal) rememberChatTitle(store, ctx.chat.id, channelTitle(interaction), clock.now());
    const replies = await app.command(ctx, { name: spec.name, args, rest: args.join(" ") });
    const prompt = forgetPromptResponse(replies);
    if (prompt) return responder.send(prompt);
    const responses = replies.map((r) => replyResponse(r, spec.personal, drawCard)).filter((r): r is Response => r !== undefined);
    if (responses.length === 0) responses.push({ body: { content: "✓" }, ephemeral: true });
    for (const response of responses) await responder.send(response);
  }

  async function button(interaction: ButtonInteraction): Promise<void> {
    const forget = parseForgetId(interaction.customId);
    if (forget) return createResponder(interaction, timers, true, cut).send(forgetPress(app, requestContext(interaction, true), forget));
    const action = parseCustomId(interaction.customId);
    const personal = action?.kind !== "round-answer";
    const ctx = requestContext(interaction, personal);
    const lang = app.languageOf(ctx);
    const responder = createResponder(interaction, timers, true, cut);
    const notice = (content: string) => responder.send({ body: { content }, ephemeral: true });
    if (!action) return notice(messages(lang).staleButton);
    if (action.kind === "round-answer") {
      const outcome = await app.answers.submit(ctx, { sessionId: action.sessionId, index: action.index, option: action.option, at: clock.now() });
      return notice(outcomeText(outcome));
    }
    const replies = action.kind === "practice-answer" ? app.practice.answer(ctx, action) : app.practice.next(ctx, action.sessionId);
    const reply = replies[0];
    if (reply?.type === "practice-question") return responder.send(questionResponse(reply, true));
    if (reply?.type === "practice-feedback") {
      const t = messages(reply.lang);
      const question = questionEmbed(reply.question, reply.lang, t.practiceHeader(reply.number));
      const feedback = docEmbed(renderFeedback(reply.question, reply.lang, reply.correct, "letters"), renderFeedback(reply.question, reply.lang, reply.correct, "letters", false));
      return responder.send({ body: { embeds: [question, feedback], components: [singleButton(practiceNextId(reply.sessionId), t.next)] }, ephemeral: true, update: true });
    }
    return notice(reply?.type === "doc" ? docToMarkdown(reply.doc) : messages(lang).staleButton);
  }

  return async function handle(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
    if (!store.claimUpdate(`dc:interaction:${interaction.id}`, clock.now())) return;
    try {
      if (interaction.isChatInputCommand()) await command(interaction);
      else await button(interaction);
      await runtime.settle();
    } catch (error) {
      log.error(`discord: interaction ${interaction.id} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      const lang = app.languageOf(requestContext(interaction, true));
      const body = { content: messages(lang).somethingWentWrong, flags: 64 as const };
      await (interaction.replied || interaction.deferred ? interaction.followUp(body) : interaction.reply(body)).catch(() => undefined);
    }
  };
}
