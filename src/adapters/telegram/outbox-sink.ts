import type { Api } from "grammy";
import type { OutboxSink } from "../../app/outbox-dispatcher.ts";
import type { SendQueue } from "../../app/send-queue.ts";
import { textIn, type Bank } from "../../core/bank/types.ts";
import type { RoundQuestionPayload } from "../../core/game/outbox-payload.ts";
import { messages } from "../../core/i18n/index.ts";
import { bold, code, mono, p, type Doc } from "../../core/render/doc.ts";
import { renderOutboxDoc } from "../../core/render/outbox.ts";
import type { Clock, OutboxRecord, Store } from "../../core/ports.ts";
import { pollRefKey, type PollRef } from "./features/poll-answers.ts";
import { clip, docToHtml } from "./markup.ts";
import { telegramChatId } from "./request-context.ts";

/** Telegram accepts open periods of 5 to 600 seconds for polls. */
const MIN_OPEN_PERIOD = 5;
const MAX_OPEN_PERIOD = 600;

/** The message id of a round question's poll, to stop it when the question closes. */
interface PollMessageRef {
  readonly messageId: number;
}

function pollMessageKey(sessionId: number, index: number): string {
  return `tg:pollmsg:${sessionId}:${index}`;
}

/**
 * Delivers outbox messages to Telegram through the rate-limited queue. Round
 * questions become native quiz polls (the code snippet, when there is one, is
 * a message right before the poll); results and standings are HTML messages.
 */
export function createTelegramSink(deps: { api: Api; bank: Bank; store: Store; clock: Clock; queue: SendQueue }): OutboxSink {
  const { api, bank, store, clock, queue } = deps;

  const send = <T>(chatId: number, run: () => Promise<T>) => queue.push(String(chatId), chatId < 0, run);

  async function postQuestion(chatId: number, payload: RoundQuestionPayload): Promise<void> {
    const question = bank.byId(payload.questionId);
    if (!question) return;
    const t = messages(payload.lang);
    const seconds = Math.round((payload.closesAt - payload.openedAt) / 1000);
    const header = t.roundQuestionHeader(payload.index + 1, payload.total, seconds);
    const prompt = question.prompt[payload.lang];
    const tagged = `${prompt}\n[${question.id}]`;
    // The id must be visible: in the poll when it fits, else in a message before it (with the code).
    if (question.code !== undefined || tagged.length > 300) {
      const doc: Doc = [p(bold(header), " · ", mono(`[${question.id}]`)), ...(question.code !== undefined ? [code(question.code)] : [])];
      await send(chatId, () => api.sendMessage(chatId, docToHtml(doc), { parse_mode: "HTML" }));
    }
    const remaining = Math.round((payload.closesAt - clock.now()) / 1000);
    const message = await send(chatId, () =>
      api.sendPoll(
        chatId,
        question.code !== undefined || tagged.length > 300 ? prompt : tagged,
        question.options.map((option) => ({ text: clip(textIn(option, payload.lang), 100) })),
        {
          type: "quiz",
          is_anonymous: false,
          correct_option_ids: [question.answer],
          explanation: clip(question.explain[payload.lang], 200),
          open_period: Math.min(MAX_OPEN_PERIOD, Math.max(MIN_OPEN_PERIOD, remaining)),
        },
      ),
    );
    const at = clock.now();
    if (message.poll) {
      const ref: PollRef = { chatId: `tg:${chatId}`, sessionId: payload.sessionId, index: payload.index };
      store.putRef(pollRefKey(message.poll.id), ref, at);
    }
    store.putRef(pollMessageKey(payload.sessionId, payload.index), { messageId: message.message_id } satisfies PollMessageRef, at);
  }

  async function sendDoc(chatId: number, doc: Doc): Promise<void> {
    await send(chatId, () => api.sendMessage(chatId, docToHtml(doc), { parse_mode: "HTML" }));
  }

  return {
    async deliver(record: OutboxRecord): Promise<void> {
      const chatId = telegramChatId(record.chatId);
      const { payload } = record;
      if (payload.type === "round-question") return postQuestion(chatId, payload);
      if (payload.type === "round-results") {
        const poll = store.getRef<PollMessageRef>(pollMessageKey(payload.sessionId, payload.index));
        // Close the poll now (a stopped round, or Telegram's timer lagging); it may already be closed.
        if (poll) await api.stopPoll(chatId, poll.messageId).catch(() => undefined);
      }
      await sendDoc(chatId, renderOutboxDoc(payload, bank, "letters", true));
    },
  };
}
