import type { Api, InputFile } from "grammy";
import type { OutboxSink } from "../../app/outbox-dispatcher.ts";
import type { SendQueue } from "../../app/send-queue.ts";
import type { CardDrawer } from "../../cards/index.ts";
import { textIn, type Bank } from "../../core/bank/types.ts";
import type { Lang } from "../../core/bank/types.ts";
import { dailyHeader } from "../../core/render/daily.ts";
import { messages } from "../../core/i18n/index.ts";
import { bold, code, mono, p, type Doc } from "../../core/render/doc.ts";
import { seasonCardOf } from "../../core/render/cards.ts";
import { renderOutboxDoc } from "../../core/render/outbox.ts";
import type { Clock, OutboxRecord, Store } from "../../core/ports.ts";
import { sendCardPhoto } from "./card-photo.ts";
import { pollRefKey, type PollRef } from "./features/poll-answers.ts";
import { clip, docToHtml } from "./markup.ts";
import { telegramChatId } from "./request-context.ts";

/** Telegram accepts open periods of 5 to 600 seconds for polls. */
const MIN_OPEN_PERIOD = 5;
const MAX_OPEN_PERIOD = 600;

/** What a quiz poll needs, from a round question or a daily question. */
interface PollQuestion {
  readonly sessionId: number;
  readonly index: number;
  readonly questionId: string;
  readonly lang: Lang;
  readonly header: string;
  readonly closesAt: number;
  readonly daily: boolean;
}

/** The message id of a round question's poll, to stop it when the question closes. */
interface PollMessageRef {
  readonly messageId: number;
}

function pollMessageKey(sessionId: number, index: number): string {
  return `tg:pollmsg:${sessionId}:${index}`;
}

/**
 * Delivers outbox messages to Telegram through the rate-limited queue. Round
 * and daily questions become native quiz polls (a daily one with `close_date`
 * at its reveal) (the code snippet, when there is one, is
 * a message right before the poll); results and standings are HTML messages.
 */
export function createTelegramSink(deps: {
  api: Api;
  bank: Bank;
  store: Store;
  clock: Clock;
  queue: SendQueue;
  /** Draws the season card; without it, season results go as text. */
  drawCard?: CardDrawer;
  log?: { warn(message: string): void };
}): OutboxSink {
  const { api, bank, store, clock, queue } = deps;

  const send = <T>(chatId: number, run: () => Promise<T>) => queue.push(String(chatId), chatId < 0, run);

  /** Posts a question as a native quiz poll; round polls close after an open period, daily ones at their reveal date. */
  async function postQuestion(chatId: number, q: PollQuestion): Promise<void> {
    const question = bank.byId(q.questionId);
    if (!question) return;
    const prompt = question.prompt[q.lang];
    const tagged = `${prompt}\n[${question.id}]`;
    // The id must be visible: in the poll when it fits, else in a message before it (with the code).
    if (question.code !== undefined || tagged.length > 300) {
      const doc: Doc = [p(bold(q.header), " · ", mono(`[${question.id}]`)), ...(question.code !== undefined ? [code(question.code)] : [])];
      await send(chatId, () => api.sendMessage(chatId, docToHtml(doc), { parse_mode: "HTML" }));
    }
    const remaining = Math.round((q.closesAt - clock.now()) / 1000);
    const closing = q.daily
      ? { close_date: Math.floor(q.closesAt / 1000) }
      : { open_period: Math.min(MAX_OPEN_PERIOD, Math.max(MIN_OPEN_PERIOD, remaining)) };
    const message = await send(chatId, () =>
      api.sendPoll(
        chatId,
        question.code !== undefined || tagged.length > 300 ? prompt : tagged,
        question.options.map((option) => ({ text: clip(textIn(option, q.lang), 100) })),
        {
          type: "quiz",
          is_anonymous: false,
          correct_option_ids: [question.answer],
          explanation: clip(question.explain[q.lang], 200),
          ...closing,
        },
      ),
    );
    const at = clock.now();
    if (message.poll) {
      const ref: PollRef = { chatId: `tg:${chatId}`, sessionId: q.sessionId, index: q.index };
      store.putRef(pollRefKey(message.poll.id), ref, at);
    }
    store.putRef(pollMessageKey(q.sessionId, q.index), { messageId: message.message_id } satisfies PollMessageRef, at);
  }

  /** Closes a question's poll now (a stopped round, a reveal, or Telegram's timer lagging); it may already be closed. */
  async function stopPoll(chatId: number, sessionId: number, index: number): Promise<void> {
    const poll = store.getRef<PollMessageRef>(pollMessageKey(sessionId, index));
    if (poll) await api.stopPoll(chatId, poll.messageId).catch(() => undefined);
  }

  async function sendDoc(chatId: number, doc: Doc): Promise<void> {
    await send(chatId, () => api.sendMessage(chatId, docToHtml(doc), { parse_mode: "HTML" }));
  }

  return {
    async deliver(record: OutboxRecord): Promise<void> {
      const chatId = telegramChatId(record.chatId);
      const { payload } = record;
      if (payload.type === "round-question") {
        const seconds = Math.round((payload.closesAt - payload.openedAt) / 1000);
        const header = messages(payload.lang).roundQuestionHeader(payload.index + 1, payload.total, seconds);
        return postQuestion(chatId, { ...payload, header, daily: false });
      }
      if (payload.type === "daily-question") return postQuestion(chatId, { ...payload, index: 0, header: dailyHeader(payload), daily: true });
      if (payload.type === "round-results") await stopPoll(chatId, payload.sessionId, payload.index);
      if (payload.type === "daily-reveal") await stopPoll(chatId, payload.sessionId, 0);
      const doc = renderOutboxDoc(payload, bank, "letters", true);
      // A season's results, with cards on: the podium picture with the standings as its caption.
      const card = payload.type === "season-results" ? seasonCardOf(payload) : undefined;
      const image = card && deps.drawCard?.(card);
      if (image) {
        const target = {
          sendPhoto: (photo: InputFile, caption: string | undefined) =>
            send(chatId, () => api.sendPhoto(chatId, photo, caption === undefined ? {} : { caption, parse_mode: "HTML" })),
          sendText: (html: string) => send(chatId, () => api.sendMessage(chatId, html, { parse_mode: "HTML" })),
        };
        const refused = (reason: string) => deps.log?.warn(`telegram: the season card for ${record.chatId} was refused (${reason}); sent the text instead`);
        if (await sendCardPhoto(target, image, docToHtml(doc), refused)) return;
      }
      await sendDoc(chatId, doc);
    },
  };
}
