import type { Transformer } from "grammy";
import { visibleLength } from "./card-photo.ts";

/** Telegram's limits, in UTF-16 code units after the markup is parsed: a message's text and a media caption. */
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

/** Which field of which method carries text, and its limit. */
const LIMITED: Readonly<Record<string, { readonly field: "text" | "caption"; readonly limit: number }>> = {
  sendMessage: { field: "text", limit: TEXT_LIMIT },
  editMessageText: { field: "text", limit: TEXT_LIMIT },
  sendPhoto: { field: "caption", limit: CAPTION_LIMIT },
  sendDocument: { field: "caption", limit: CAPTION_LIMIT },
  sendAnimation: { field: "caption", limit: CAPTION_LIMIT },
  sendVideo: { field: "caption", limit: CAPTION_LIMIT },
  editMessageCaption: { field: "caption", limit: CAPTION_LIMIT },
};

const ELLIPSIS = "…";

/** True when `code` is the first half of a surrogate pair. */
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Cuts plain text to at most `limit` code units, ending in an ellipsis, never between the halves of a surrogate pair. */
export function truncatePlain(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - ELLIPSIS.length;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * Cuts Telegram HTML so that its text, as Telegram counts it (tags dropped,
 * each character reference one character), is at most `limit` UTF-16 code
 * units with the ellipsis. The cut never falls inside a tag, a character
 * reference or a surrogate pair, and the tags open at the cut are closed, so
 * the result still parses.
 */
export function truncateHtml(html: string, limit: number): string {
  if (visibleLength(html) <= limit) return html;
  const budget = limit - ELLIPSIS.length;
  const open: string[] = [];
  let out = "";
  let seen = 0;
  let i = 0;
  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) break;
      const tag = html.slice(i, end + 1);
      const name = /^<\/?([a-z-]+)/i.exec(tag)?.[1]?.toLowerCase();
      if (name !== undefined) {
        if (tag.startsWith("</")) open.pop();
        else open.push(name);
      }
      out += tag;
      i = end + 1;
      continue;
    }
    const ref = ch === "&" ? /^&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i, i + 12)) : null;
    const piece = ref ? ref[0] : isHighSurrogate(html.charCodeAt(i)) ? html.slice(i, i + 2) : ch;
    const width = ref ? 1 : piece.length;
    if (seen + width > budget) break;
    out += piece;
    seen += width;
    i += piece.length;
  }
  const closing = open.reverse().map((name) => `</${name}>`).join("");
  return `${out}${ELLIPSIS}${closing}`;
}

/** A text or caption cut to fit, by its parse mode. */
export function fitText(text: string, limit: number, parseMode: unknown): string {
  return parseMode === "HTML" ? truncateHtml(text, limit) : truncatePlain(text, limit);
}

/**
 * The last guard before Telegram: a message text or caption over Telegram's
 * limit would be refused with 400 on every attempt, so it is cut to fit (see
 * `truncateHtml`) and the cut is logged once. The renderers keep their lists
 * short enough that this should never be needed. Install it last, above
 * auto-retry, so a retried request is checked (and logged) once.
 */
export function lengthGuard(log: { warn(message: string): void }): Transformer {
  return (prev, method, payload, signal) => {
    const rule = LIMITED[method];
    const fields = payload as unknown as Record<string, unknown> | undefined;
    const value = rule && fields ? fields[rule.field] : undefined;
    if (rule && typeof value === "string") {
      const length = fields?.["parse_mode"] === "HTML" ? visibleLength(value) : value.length;
      if (length > rule.limit) {
        log.warn(`telegram: a ${method} ${rule.field} of ${length} characters is over Telegram's limit of ${rule.limit}; sent cut to fit`);
        const fitted = { ...fields, [rule.field]: fitText(value, rule.limit, fields?.["parse_mode"]) };
        return prev(method, fitted as typeof payload, signal);
      }
    }
    return prev(method, payload, signal);
  };
}
