import type { Message, Poll } from "grammy/types";
import { badRequest } from "./api-error.ts";
import type { MethodTable } from "./method-table.ts";
import { commit, inlineMarkup, outgoing, targetChat } from "./methods-messages.ts";
import { boolOf, chatIdOf, checkReplyMarkup, formatText, intOf, stringOf, type Params } from "./params.ts";

const MAX_OPEN_PERIOD = 2_628_000;

/** The option texts of a sendPoll, from `InputPollOption` objects or plain strings. */
function optionTexts(params: Params): string[] {
  const raw = params["options"];
  if (!Array.isArray(raw)) throw badRequest("can't parse options JSON object");
  const texts = raw.map((o: unknown) => (typeof o === "string" ? o : typeof o === "object" && o !== null ? String((o as { text?: unknown }).text ?? "") : ""));
  if (texts.length < 2) throw badRequest("poll must have at least 2 options");
  if (texts.length > 12) throw badRequest("poll can't have more than 12 options");
  if (texts.some((t) => t.trim() === "")) throw badRequest("poll options must be non-empty");
  if (texts.some((t) => t.length > 100)) throw badRequest("poll options length must not exceed 100");
  return texts;
}

/**
 * The correct options of a quiz, from `correct_option_ids` (Bot API 9.x, what
 * grammY 1.46 types send) or the older single `correct_option_id`, and which
 * of the two the client used so the answer can echo the same field.
 */
function correctOptions(params: Params, optionCount: number): { field: "correct_option_ids" | "correct_option_id"; ids: number[] } {
  const plural = params["correct_option_ids"];
  const single = params["correct_option_id"];
  const found =
    plural !== undefined
      ? { field: "correct_option_ids" as const, ids: Array.isArray(plural) ? plural.map(Number) : [Number.NaN] }
      : single !== undefined
        ? { field: "correct_option_id" as const, ids: [Number(single)] }
        : undefined;
  if (!found || found.ids.length === 0 || found.ids.some((i) => !Number.isInteger(i) || i < 0 || i >= optionCount)) {
    throw badRequest("wrong correct option ID specified");
  }
  if (found.ids.some((id, k) => k > 0 && id <= (found.ids[k - 1] as number))) throw badRequest("correct option IDs must be increasing");
  return found;
}

/** open_period and close_date, checked as Telegram does. */
function closing(params: Params, date: number): Partial<Pick<Poll, "open_period" | "close_date">> {
  const period = params["open_period"];
  const closeDate = params["close_date"];
  if (period !== undefined && closeDate !== undefined) throw badRequest("can't use open_period and close_date together");
  if (period !== undefined) {
    const seconds = Number(period);
    if (!Number.isInteger(seconds) || seconds < 5 || seconds > MAX_OPEN_PERIOD) throw badRequest("wrong open period specified");
    return { open_period: seconds, close_date: date + seconds };
  }
  if (closeDate !== undefined) {
    const at = Number(closeDate);
    if (!Number.isInteger(at) || at - date < 5 || at - date > MAX_OPEN_PERIOD) throw badRequest("wrong close date specified");
    return { close_date: at };
  }
  return {};
}

/** sendPoll and stopPoll. */
export const pollMethods: MethodTable = {
  sendPoll(params, { state }) {
    const chat = targetChat(state, params);
    const question = stringOf(params, "question") ?? "";
    if (question.trim() === "") throw badRequest("poll question must be non-empty");
    if (question.length > 300) throw badRequest("poll question length must not exceed 300");
    const texts = optionTexts(params);
    const type = stringOf(params, "type") ?? "regular";
    if (type !== "quiz" && type !== "regular") throw badRequest("wrong poll type specified");
    const correct = type === "quiz" ? correctOptions(params, texts.length) : undefined;
    const explanationText = stringOf(params, "explanation");
    const explanation = explanationText === undefined ? undefined : formatText(explanationText, stringOf(params, "explanation_parse_mode"), params["explanation_entities"]);
    if (explanation && explanation.text.length > 200) throw badRequest("poll explanation length must not exceed 200");
    const id = String(5_300_000_000_000_000_000n + BigInt(state.nextSerial()));
    const poll = {
      id,
      question,
      options: texts.map((text, i) => ({ persistent_id: String(i), text, voter_count: 0 })),
      total_voter_count: 0,
      is_closed: boolOf(params, "is_closed") ?? false,
      is_anonymous: boolOf(params, "is_anonymous") ?? true,
      type,
      allows_multiple_answers: boolOf(params, "allows_multiple_answers") ?? false,
      allows_revoting: boolOf(params, "allows_revoting") ?? type !== "quiz",
      members_only: false,
      ...(correct === undefined ? {} : correct.field === "correct_option_ids" ? { correct_option_ids: correct.ids } : { correct_option_id: correct.ids[0] }),
      ...(explanation && explanation.text !== "" ? { explanation: explanation.text } : {}),
      ...(explanation && explanation.entities.length > 0 ? { explanation_entities: explanation.entities } : {}),
      ...closing(params, state.date()),
    } as Poll;
    const message = commit(state, { ...outgoing(state, chat, params), poll } as Message);
    state.polls.set(id, { poll, chatId: chat.id, messageId: message.message_id, votes: new Map() });
    return message;
  },

  stopPoll(params, { state }) {
    const chatId = chatIdOf(params);
    const messageId = intOf(params, "message_id", "message identifier is not specified");
    const message = state.message(chatId, messageId);
    const record = message?.poll ? state.polls.get(message.poll.id) : undefined;
    if (!message || !record) throw badRequest("message with poll to stop not found");
    if (record.poll.is_closed) throw badRequest("poll has already been closed");
    checkReplyMarkup(params["reply_markup"]);
    record.poll = { ...record.poll, is_closed: true };
    const markup = inlineMarkup(params["reply_markup"]);
    state.storeMessage({ ...message, poll: record.poll, ...(markup ? { reply_markup: markup } : {}) } as Message);
    return record.poll;
  },
};
