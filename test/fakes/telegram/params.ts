import type { InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import { badRequest } from "./api-error.ts";
import { parseTelegramHtml, type ParsedText } from "./html-check.ts";

/** A request's parameters after body parsing: JSON values, or strings from forms. */
export type Params = Record<string, unknown>;

/** Reads `chat_id` as a number; "@name" chats are unknown to the fake. */
export function chatIdOf(params: Params): number {
  const raw = params["chat_id"];
  if (raw === undefined || raw === "") throw badRequest("chat_id is empty");
  const id = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || id === 0) throw badRequest("chat not found");
  return id;
}

/** Reads a required integer parameter, with Telegram's description when it is missing. */
export function intOf(params: Params, key: string, missing: string): number {
  const raw = params[key];
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value)) throw badRequest(missing);
  return value;
}

/** Reads an optional parameter as a string; numbers are accepted as Telegram does. */
export function stringOf(params: Params, key: string): string | undefined {
  const raw = params[key];
  if (raw === undefined || raw === null) return undefined;
  return typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : JSON.stringify(raw);
}

/** Reads an optional boolean parameter ("true" from forms counts). */
export function boolOf(params: Params, key: string): boolean | undefined {
  const raw = params[key];
  return raw === undefined ? undefined : raw === true || raw === "true";
}

/**
 * Applies `parse_mode` (or explicit `entities`) the way Telegram does. Only HTML
 * is checked strictly; Markdown modes are stored as sent.
 */
export function formatText(text: string, parseMode: string | undefined, entities: unknown): ParsedText {
  if (parseMode === undefined || parseMode === "") {
    return { text, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] };
  }
  switch (parseMode.toLowerCase()) {
    case "html":
      return parseTelegramHtml(text);
    case "markdown":
    case "markdownv2":
      return { text, entities: [] };
    default:
      throw badRequest("unsupported parse_mode");
  }
}

/** Checks the text of a message: non-empty and at most 4096 characters after parsing. */
export function checkMessageText(parsed: ParsedText): void {
  if (parsed.text.trim() === "") throw badRequest("message text is empty");
  if (parsed.text.length > 4096) throw badRequest("message is too long");
}

/**
 * Checks a `reply_markup` as Telegram does for inline keyboards: every button
 * needs text and exactly one action, and `callback_data` is 1–64 bytes.
 */
export function checkReplyMarkup(markup: unknown): void {
  if (markup === undefined || markup === null) return;
  if (typeof markup !== "object") throw badRequest("can't parse reply keyboard markup JSON object");
  const rows = (markup as Partial<InlineKeyboardMarkup>).inline_keyboard;
  if (rows === undefined) return;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) throw badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      const b = button as Record<string, unknown>;
      if (typeof b["text"] !== "string" || b["text"] === "") throw badRequest("text buttons are unallowed in the inline keyboard");
      const data = b["callback_data"];
      if (data !== undefined) {
        const bytes = Buffer.byteLength(String(data), "utf8");
        if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
      } else if (b["url"] === undefined && b["switch_inline_query"] === undefined && b["web_app"] === undefined && b["copy_text"] === undefined) {
        throw badRequest("text buttons are unallowed in the inline keyboard");
      }
      if (b["url"] !== undefined && !/^(https?|tg):\/\/\S+$/i.test(String(b["url"]))) throw badRequest("BUTTON_URL_INVALID");
    }
  }
}

/** True when two JSON values are the same, for Telegram's "message is not modified" check. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
