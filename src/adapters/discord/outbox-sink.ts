import { Routes, type REST } from "discord.js";
import type { OutboxSink } from "../../app/outbox-dispatcher.ts";
import type { Bank } from "../../core/bank/types.ts";
import { messages } from "../../core/i18n/index.ts";
import type { Clock, OutboxRecord, Store } from "../../core/ports.ts";
import { renderOutboxDoc } from "../../core/render/outbox.ts";
import { answerRows, docEmbed, questionEmbed } from "./components.ts";
import { roundAnswerId } from "./custom-ids.ts";
import { docToMarkdown, MAX_CONTENT } from "./markup.ts";

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
 * the results; the standings are a new message.
 */
export function createDiscordSink(deps: { rest: REST; bank: Bank; store: Store; clock: Clock }): OutboxSink {
  const { rest, bank, store, clock } = deps;
  return {
    async deliver(record: OutboxRecord): Promise<void> {
      const channelId = record.chatId.slice(3);
      // Practice spaces (dc:u…) are not channels; nothing is ever posted there.
      if (!/^\d+$/.test(channelId)) return;
      const { payload } = record;
      if (payload.type === "round-question") {
        const question = bank.byId(payload.questionId);
        if (!question) return;
        const seconds = Math.round((payload.closesAt - payload.openedAt) / 1000);
        const header = messages(payload.lang).roundQuestionHeader(payload.index + 1, payload.total, seconds);
        const body = {
          embeds: [questionEmbed(question, payload.lang, header).toJSON()],
          components: answerRows(question.options.length, (i) => roundAnswerId(payload.sessionId, payload.index, i)).map((row) => row.toJSON()),
        };
        const message = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
        store.putRef(questionMessageKey(payload.sessionId, payload.index), { channelId, messageId: message.id } satisfies QuestionMessageRef, clock.now());
        return;
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
      const content = docToMarkdown(renderOutboxDoc(payload, bank, "letters", true)).slice(0, MAX_CONTENT);
      await rest.post(Routes.channelMessages(channelId), { body: { content } });
    },
  };
}
