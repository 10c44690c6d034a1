import type { Chat, InlineKeyboardMarkup, Message, MessageEntity, PhotoSize } from "grammy/types";
import { badRequest, TelegramApiError } from "./api-error.ts";
import type { MethodTable } from "./method-table.ts";
import { chatIdOf, checkMessageText, checkReplyMarkup, formatText, intOf, sameJson, stringOf, type Params } from "./params.ts";
import { imageInfo } from "../shared/images.ts";
import type { UploadedFile } from "./request-body.ts";
import type { FakeState } from "./state.ts";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
  "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

/** The chat a send goes to, or Telegram's 403 when the bot was blocked there. */
export function targetChat(state: FakeState, params: Params): Chat {
  const chatId = chatIdOf(params);
  const chat = state.chat(chatId);
  if (state.blocked.has(chatId)) {
    throw new TelegramApiError(403, chat.type === "private" ? "Forbidden: bot was blocked by the user" : `Forbidden: bot was kicked from the ${chat.type} chat`);
  }
  return chat;
}

/** The fields every message the bot sends has, plus `reply_to_message` when it answers one. */
export function outgoing(state: FakeState, chat: Chat, params: Params): Message {
  const base = { message_id: 0, from: state.botUser, chat, date: state.date() } as Message;
  const replyTo = replyTarget(params);
  if (replyTo !== undefined) {
    const original = state.message(chat.id, replyTo.messageId);
    // Telegram does not nest replies: the quoted message loses its own reply_to_message.
    if (original) {
      const { reply_to_message: _nested, ...quoted } = original;
      base.reply_to_message = quoted as NonNullable<Message["reply_to_message"]>;
    } else if (!replyTo.allowMissing) throw badRequest("message to be replied not found");
  }
  checkReplyMarkup(params["reply_markup"]);
  const markup = inlineMarkup(params["reply_markup"]);
  if (markup) base.reply_markup = markup;
  return base;
}

/** Gives an outgoing message its id and stores it. */
export function commit(state: FakeState, message: Message): Message {
  const stored = { ...message, message_id: state.allocateMessageId(message.chat.id) } as Message;
  state.storeMessage(stored);
  return stored;
}

/** Telegram echoes only inline keyboards in `Message.reply_markup`. */
export function inlineMarkup(markup: unknown): InlineKeyboardMarkup | undefined {
  return typeof markup === "object" && markup !== null && "inline_keyboard" in markup ? (markup as InlineKeyboardMarkup) : undefined;
}

function replyTarget(params: Params): { messageId: number; allowMissing: boolean } | undefined {
  const reply = params["reply_parameters"] as { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
  if (reply && typeof reply === "object" && reply.message_id !== undefined) {
    return { messageId: Number(reply.message_id), allowMissing: reply.allow_sending_without_reply === true };
  }
  const legacy = params["reply_to_message_id"];
  if (legacy === undefined) return undefined;
  return { messageId: Number(legacy), allowMissing: params["allow_sending_without_reply"] === true || params["allow_sending_without_reply"] === "true" };
}

function withEntities(key: "entities" | "caption_entities", entities: MessageEntity[]): Record<string, MessageEntity[]> {
  return entities.length > 0 ? { [key]: entities } : {};
}

/** Telegram keeps a photo in sizes up to these longest sides, plus the original when it is smaller than the last. */
const PHOTO_SIDES = [90, 320, 800, 1280, 2560];

function isUpload(photo: unknown): photo is UploadedFile {
  return typeof photo === "object" && photo !== null && "bytes" in photo;
}

/**
 * The sizes Telegram makes of a photo. An upload must be an image Telegram
 * can read (PNG or JPEG here) with width + height at most 10,000 and sides at
 * most 20:1, else 400 as Telegram answers; a file id or URL is taken as a
 * typical photo.
 */
function photoSizes(state: FakeState, photo: unknown): PhotoSize[] {
  if (photo === undefined || photo === null || photo === "" || (typeof photo === "string" && photo.startsWith("attach://"))) {
    throw badRequest("there is no photo in the request");
  }
  const upload = isUpload(photo) ? photo : undefined;
  const info = upload ? imageInfo(upload.bytes) : { width: 1280, height: 960 };
  if (!info) throw badRequest("IMAGE_PROCESS_FAILED");
  const { width, height } = info;
  if (width === 0 || height === 0 || width + height > 10_000 || Math.max(width, height) / Math.min(width, height) > 20) {
    throw badRequest("PHOTO_INVALID_DIMENSIONS");
  }
  const n = state.nextSerial();
  const longest = Math.max(width, height);
  const sides = PHOTO_SIDES.filter((side) => side < longest);
  if (longest <= PHOTO_SIDES[PHOTO_SIDES.length - 1]!) sides.push(longest);
  const bytes = upload?.size ?? 60_000;
  return sides.map((side, i) => {
    const scale = Math.min(1, side / longest);
    return {
      file_id: `AgACAgIAAxkDAAI${n}x${side}`,
      file_unique_id: `AQAD${n}${i}`,
      width: Math.max(1, Math.round(width * scale)),
      height: Math.max(1, Math.round(height * scale)),
      file_size: Math.max(1, Math.round(bytes * scale * scale)),
    };
  });
}

/** sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage, sendPhoto, sendChatAction. */
export const messageMethods: MethodTable = {
  sendMessage(params, { state }) {
    const chat = targetChat(state, params);
    const parsed = formatText(stringOf(params, "text") ?? "", stringOf(params, "parse_mode"), params["entities"]);
    checkMessageText(parsed);
    const message = { ...outgoing(state, chat, params), text: parsed.text, ...withEntities("entities", parsed.entities) } as Message;
    return commit(state, message);
  },

  editMessageText(params, { state }) {
    const parsed = formatText(stringOf(params, "text") ?? "", stringOf(params, "parse_mode"), params["entities"]);
    checkMessageText(parsed);
    checkReplyMarkup(params["reply_markup"]);
    if (params["inline_message_id"] !== undefined) return true;
    const old = state.editableMessage(chatIdOf(params), intOf(params, "message_id", "message identifier is not specified"));
    if (old.text === undefined) throw badRequest("there is no text in the message to edit");
    const markup = inlineMarkup(params["reply_markup"]);
    const entities = parsed.entities.length > 0 ? parsed.entities : undefined;
    if (old.text === parsed.text && sameJson(old.entities, entities) && sameJson(old.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
    const { entities: _oldEntities, reply_markup: _oldMarkup, ...rest } = old;
    // Telegram drops an inline keyboard that the edit does not repeat.
    const updated = { ...rest, text: parsed.text, ...withEntities("entities", parsed.entities), ...(markup ? { reply_markup: markup } : {}), edit_date: state.date() } as Message;
    state.storeMessage(updated);
    return updated;
  },

  editMessageReplyMarkup(params, { state }) {
    checkReplyMarkup(params["reply_markup"]);
    if (params["inline_message_id"] !== undefined) return true;
    const old = state.editableMessage(chatIdOf(params), intOf(params, "message_id", "message identifier is not specified"));
    const markup = inlineMarkup(params["reply_markup"]);
    if (sameJson(old.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
    const { reply_markup: _oldMarkup, ...rest } = old;
    const updated = { ...rest, ...(markup ? { reply_markup: markup } : {}), edit_date: state.date() } as Message;
    state.storeMessage(updated);
    return updated;
  },

  deleteMessage(params, { state }) {
    const chatId = chatIdOf(params);
    if (!state.deleteMessage(chatId, intOf(params, "message_id", "message identifier is not specified"))) throw badRequest("message to delete not found");
    return true;
  },

  sendPhoto(params, { state }) {
    const chat = targetChat(state, params);
    const photo = photoSizes(state, params["photo"]);
    const caption = formatText(stringOf(params, "caption") ?? "", stringOf(params, "parse_mode"), params["caption_entities"]);
    if (caption.text.length > 1024) throw badRequest("message caption is too long");
    const message = {
      ...outgoing(state, chat, params),
      photo,
      ...(caption.text === "" ? {} : { caption: caption.text }),
      ...withEntities("caption_entities", caption.entities),
    } as Message;
    const sent = commit(state, message);
    const file = params["photo"];
    if (isUpload(file)) state.uploads.push({ method: "sendPhoto", chatId: chat.id, messageId: sent.message_id, file });
    return sent;
  },

  sendChatAction(params, { state }) {
    targetChat(state, params);
    if (!CHAT_ACTIONS.has(stringOf(params, "action") ?? "")) throw badRequest("wrong parameter action in request");
    return true;
  },
};
