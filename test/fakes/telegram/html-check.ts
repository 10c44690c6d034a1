import type { MessageEntity } from "grammy/types";
import { badRequest } from "./api-error.ts";

/** Plain text and entities, as Telegram stores a message after parsing its markup. */
export interface ParsedText {
  /** The text with tags removed and character references decoded. */
  text: string;
  /** Entities with offsets and lengths in UTF-16 code units, outer entities first. */
  entities: MessageEntity[];
}

interface OpenTag {
  name: string;
  attrs: Map<string, string>;
  start: number;
  /** Set on a `<pre>` by a `<code class="language-x">` directly inside it. */
  language?: string;
}

const SIMPLE: Readonly<Record<string, MessageEntity["type"]>> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
};
const OTHERS = new Set(["a", "code", "pre", "span", "blockquote", "tg-emoji"]);
const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/**
 * Parses text sent with `parse_mode: "HTML"` the way the Bot API does, and throws
 * the 400 "Bad Request: can't parse entities: ..." that Telegram sends for
 * unsupported, unbalanced or unclosed tags.
 *
 * Only the tags Telegram documents are accepted; a bare `&` that starts no
 * known reference is kept literally, as Telegram does, but a bare `<` is an error.
 */
export function parseTelegramHtml(html: string): ParsedText {
  let out = "";
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  const fail = (detail: string): never => {
    throw badRequest(`can't parse entities: ${detail}`);
  };
  const at = (index: number): string => `at byte offset ${Buffer.byteLength(html.slice(0, index))}`;

  let i = 0;
  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === "&") {
      const ref = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(html.slice(i, i + 12));
      const decoded = ref ? decodeReference(ref[1] as string) : undefined;
      if (ref && decoded !== undefined) {
        out += decoded;
        i += ref[0].length;
      } else {
        out += ch;
        i += 1;
      }
      continue;
    }
    if (ch !== "<") {
      out += ch;
      i += 1;
      continue;
    }
    if (html[i + 1] === "/") {
      const close = html.indexOf(">", i);
      if (close < 0) fail(`Can't find end of the tag ${at(i)}`);
      const name = html.slice(i + 2, close).trim().toLowerCase();
      const open = stack.pop();
      if (!open) fail(`Unexpected end tag ${at(i)}`);
      else if (name !== open.name && name !== "") fail(`Unmatched end tag ${at(i)}, expected "</${open.name}>", found "</${name}>"`);
      else closeTag(open, out.length, stack, entities, fail);
      i = close + 1;
      continue;
    }
    const tag = readStartTag(html, i, at, fail);
    const open: OpenTag = { name: tag.name, attrs: tag.attrs, start: out.length };
    if (open.name === "span" && open.attrs.get("class") !== "tg-spoiler") {
      fail(`Tag "span" must have class "tg-spoiler" ${at(i)}`);
    }
    if (open.name === "tg-emoji" && !open.attrs.has("emoji-id")) fail(`Tag "tg-emoji" must have attribute "emoji-id" ${at(i)}`);
    stack.push(open);
    i = tag.end;
  }
  const unclosed = stack.pop();
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities };
}

function decodeReference(ref: string): string | undefined {
  if (ref.startsWith("#")) {
    const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED[ref.toLowerCase()];
}

function readStartTag(
  html: string,
  from: number,
  at: (index: number) => string,
  fail: (detail: string) => never,
): { name: string; attrs: Map<string, string>; end: number } {
  let i = from + 1;
  const nameMatch = /^[a-z0-9-]*/i.exec(html.slice(i)) as RegExpExecArray;
  const name = nameMatch[0].toLowerCase();
  if (name === "" || (!(name in SIMPLE) && !OTHERS.has(name))) fail(`Unsupported start tag "${name}" ${at(from)}`);
  i += nameMatch[0].length;
  const attrs = new Map<string, string>();
  for (;;) {
    while (i < html.length && /\s/.test(html[i] as string)) i += 1;
    if (i >= html.length) fail(`Unclosed start tag ${at(from)}`);
    if (html[i] === ">") return { name, attrs, end: i + 1 };
    const attr = /^[a-z0-9_-]+/i.exec(html.slice(i));
    if (!attr) fail(`Expected equal sign in declaration of an attribute of the tag "${name}" ${at(from)}`);
    const key = attr[0].toLowerCase();
    i += attr[0].length;
    if (html[i] !== "=") {
      attrs.set(key, "");
      continue;
    }
    i += 1;
    const quote = html[i];
    let value: string;
    if (quote === '"' || quote === "'") {
      const end = html.indexOf(quote, i + 1);
      if (end < 0) fail(`Unclosed start tag ${at(from)}`);
      value = html.slice(i + 1, end);
      i = end + 1;
    } else {
      const raw = /^[^\s>]*/.exec(html.slice(i)) as RegExpExecArray;
      value = raw[0];
      i += raw[0].length;
    }
    attrs.set(key, value.replace(/&(lt|gt|amp|quot);/g, (_, n: string) => NAMED[n] ?? ""));
  }
}

function closeTag(open: OpenTag, end: number, stack: OpenTag[], entities: MessageEntity[], fail: (d: string) => never): void {
  const offset = open.start;
  const length = end - offset;
  const parent = stack.at(-1);
  if (open.name === "code" && parent?.name === "pre" && parent.start === offset) {
    const lang = /^language-(.+)$/.exec(open.attrs.get("class") ?? "");
    if (lang) {
      parent.language = lang[1] as string;
      return;
    }
  }
  if (length === 0) return; // Telegram drops empty entities.
  const simple = SIMPLE[open.name];
  if (simple !== undefined) {
    entities.push({ type: simple, offset, length } as MessageEntity);
    return;
  }
  switch (open.name) {
    case "span":
      entities.push({ type: "spoiler", offset, length });
      return;
    case "code":
      entities.push({ type: "code", offset, length });
      return;
    case "pre":
      entities.push(open.language === undefined ? { type: "pre", offset, length } : { type: "pre", offset, length, language: open.language });
      return;
    case "blockquote":
      if (stack.some((t) => t.name === "blockquote")) fail("Blockquote entities can't be nested");
      entities.push({ type: open.attrs.has("expandable") ? "expandable_blockquote" : "blockquote", offset, length });
      return;
    case "tg-emoji":
      entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: open.attrs.get("emoji-id") ?? "" });
      return;
    case "a": {
      const url = open.attrs.get("href");
      if (url) entities.push({ type: "text_link", offset, length, url });
      return;
    }
    default:
      return;
  }
}
