import { Routes, type REST } from "discord.js";
import type { OutboxSink } from "../../app/outbox-dispatcher.ts";
import type { CardDrawer } from "../../cards/index.ts";
import type { Bank, Lang } from "../../core/bank/types.ts";
import { dailyMessages } from "../../core/i18n/daily.ts";
import { dailyHeader } from "../../core/render/daily.ts";
import { messages } from "../../core/i18n/index.ts";
import type { Clock, OutboxRecord, Store } from "../../core/ports.ts";
import { seasonCardOf } from "../../core/render/cards.ts";
import { renderOutboxDoc } from "../../core/render/outbox.ts";
import { cardUpload } from "./card-files.ts";
import { answerRows, docEmbed, questionEmbed } from "./components.ts";
import { roundAnswerId } from "./custom-ids.ts";
import { fitMessageBody } from "./body-limits.ts";
import { docToMarkdown } from "./markup.ts";

/** Where a round question's message is, to edit it when the question closes. */
interface QuestionMessageRef {
  readonly channelId: string;
  readonly messageId: string;
}

function questionMessageKey(sessionId: number, index: number): string {
  return `dc:msg:${sessionId}:${index}`;
}

/**
 * Delivers outbox messages to Discord channels over REST (whose client keeps
 * Discord's per-route rate-limit buckets and retries 429s). A round question is
 * an embed with answer buttons; at the close the same message is edited into
 * the results; the standings are a new message. A daily question is the same
 * embed with buttons; at its reveal the buttons go and the reveal is posted.
 */
export function createDiscordSink(deps: {
  rest: REST;
  bank: Bank;
  store: Store;
  clock: Clock;
  /** Draws the season card; without it, season results go as text. */
  drawCard?: CardDrawer;
  /** Where a message cut to fit Discord's limits is reported, once per message. */
  log?: { warn(message: string): void };
}): OutboxSink {
  const { bank, store, clock } = deps;
  // The last guard: a body over Discord's limits is cut to fit rather than refused (50035) on every attempt.
  const rest = {
    post: (route: `/${string}`, options: { body: object; files?: unknown }) =>
      deps.rest.post(route, { ...options, body: fitMessageBody(options.body, (what) => deps.log?.warn(`discord: a message to ${route} had ${what}, over Discord's limits; sent cut to fit`)) } as Parameters<REST["post"]>[1]),
    patch: (route: `/${string}`, options: { body: object }) =>
      deps.rest.patch(route, { body: fitMessageBody(options.body, (what) => deps.log?.warn(`discord: an edit of ${route} had ${what}, over Discord's limits; sent cut to fit`)) }),
  };
  return {
    async deliver(record: OutboxRecord): Promise<void> {
      const channelId = record.chatId.slice(3);
      // Practice spaces (dc:u…) are not channels; nothing is ever posted there.
      if (!/^\d+$/.test(channelId)) return;
      const { payload } = record;
      const postQuestion = async (questionId: string, sessionId: number, index: number, header: string, lang: Lang): Promise<void> => {
        const question = bank.byId(questionId);
        if (!question) return;
        const body = {
          embeds: [questionEmbed(question, lang, header).toJSON()],
          components: answerRows(question.options.length, (i) => roundAnswerId(sessionId, index, i)).map((row) => row.toJSON()),
        };
        const message = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
        store.putRef(questionMessageKey(sessionId, index), { channelId, messageId: message.id } satisfies QuestionMessageRef, clock.now());
      };
      if (payload.type === "round-question") {
        const seconds = Math.round((payload.closesAt - payload.openedAt) / 1000);
        return postQuestion(payload.questionId, payload.sessionId, payload.index, messages(payload.lang).roundQuestionHeader(payload.index + 1, payload.total, seconds), payload.lang);
      }
      // A daily question's buttons are the round buttons for its one question (index 0).
      if (payload.type === "daily-question") return postQuestion(payload.questionId, payload.sessionId, 0, dailyHeader(payload), payload.lang);
      if (payload.type === "daily-reveal") {
        // The question, hours up the channel, loses its buttons; the reveal is a new message.
        const question = bank.byId(payload.questionId);
        const ref = store.getRef<QuestionMessageRef>(questionMessageKey(payload.sessionId, 0));
        if (question && ref) {
          const header = dailyMessages(payload.lang).header(payload.date, "✓");
          await rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body: { embeds: [questionEmbed(question, payload.lang, header).toJSON()], components: [] } });
        }
      }
      if (payload.type === "round-results") {
        const question = bank.byId(payload.questionId);
        const ref = store.getRef<QuestionMessageRef>(questionMessageKey(payload.sessionId, payload.index));
        if (question && ref) {
          const header = messages(payload.lang).roundQuestionClosed(payload.index + 1, payload.total);
          const body = { embeds: [questionEmbed(question, payload.lang, header).toJSON(), docEmbed(renderOutboxDoc(payload, bank, "letters", true)).toJSON()], components: [] };
          await rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body });
          return;
        }
      }
      const content = docToMarkdown(renderOutboxDoc(payload, bank, "letters", true));
      // A season's results, with cards on: the podium picture attached under the standings.
      const card = payload.type === "season-results" ? seasonCardOf(payload) : undefined;
      const image = card && deps.drawCard?.(card);
      if (image) {
        const { files, attachments } = cardUpload(image);
        await rest.post(Routes.channelMessages(channelId), { body: { content, attachments }, files });
        return;
      }
      await rest.post(Routes.channelMessages(channelId), { body: { content } });
    },
  };
}
