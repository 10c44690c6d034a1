import type { APIEmbed } from "discord.js";

/** Discord's limits on a message, in characters (counted here as UTF-16 code units, never fewer than Discord counts). */
export const DISCORD_LIMITS = {
  content: 2000,
  description: 4096,
  title: 256,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** All embeds of one message together. */
  embedsTotal: 6000,
} as const;

const ELLIPSIS = "…";
const FENCE = "```";

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Cuts Discord markdown to at most `limit` characters with an ellipsis. The
 * cut falls at the end of a line when one is near, never inside a surrogate
 * pair or right after an escaping backslash, and a code fence left open is
 * closed, so the rest of the message still renders.
 */
export function truncateMarkdown(text: string, limit: number): string {
  if (text.length <= limit) return text;
  // Room for the ellipsis and a closing fence on its own line.
  let end = Math.max(0, limit - ELLIPSIS.length - FENCE.length - 1);
  const newline = text.lastIndexOf("\n", end);
  if (newline > end * 0.8) end = newline;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  let head = text.slice(0, end);
  if (/(^|[^\\])(\\\\)*\\$/.test(head)) head = head.slice(0, -1);
  const fences = head.split(FENCE).length - 1;
  return fences % 2 === 1 ? `${head}\n${FENCE}${ELLIPSIS}` : `${head.trimEnd()}${ELLIPSIS}`;
}

function textLength(value: unknown): number {
  return typeof value === "string" ? value.length : 0;
}

/** The characters of an embed that count towards Discord's 6,000 per message. */
export function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + textLength(f.name) + textLength(f.value), 0);
  return textLength(embed.title) + textLength(embed.description) + textLength(embed.footer?.text) + textLength(embed.author?.name) + fields;
}

function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncateMarkdown(out.title, DISCORD_LIMITS.title);
  if (out.description !== undefined) out.description = truncateMarkdown(out.description, DISCORD_LIMITS.description);
  if (out.fields !== undefined) {
    out.fields = out.fields.slice(0, DISCORD_LIMITS.fields).map((f) => ({
      ...f,
      name: truncateMarkdown(f.name, DISCORD_LIMITS.fieldName),
      value: truncateMarkdown(f.value, DISCORD_LIMITS.fieldValue),
    }));
  }
  if (out.footer !== undefined) out.footer = { ...out.footer, text: truncateMarkdown(out.footer.text, DISCORD_LIMITS.footer) };
  if (out.author !== undefined) out.author = { ...out.author, name: truncateMarkdown(out.author.name, DISCORD_LIMITS.authorName) };
  return out;
}

/** Embeds within every per-embed limit and, by cutting descriptions from the last embed back, within 6,000 together. */
function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const fitted = embeds.map(fitEmbed);
  let excess = fitted.reduce((n, e) => n + embedSize(e), 0) - DISCORD_LIMITS.embedsTotal;
  for (let i = fitted.length - 1; i >= 0 && excess > 0; i--) {
    const embed = fitted[i]!;
    const description = embed.description ?? "";
    if (description === "") continue;
    const cut = truncateMarkdown(description, Math.max(ELLIPSIS.length + FENCE.length + 1, description.length - excess));
    excess -= description.length - cut.length;
    fitted[i] = { ...embed, description: cut };
  }
  return fitted;
}

/** An embed as JSON, whether it came as an `EmbedBuilder` or as plain data. */
function embedData(embed: unknown): APIEmbed {
  const withJson = embed as { toJSON?: () => APIEmbed };
  return typeof withJson.toJSON === "function" ? withJson.toJSON() : (embed as APIEmbed);
}

/**
 * The last guard before Discord: a message body whose content or embeds are
 * over Discord's limits would be refused with 50035 on every attempt, so the
 * over-long parts are cut to fit (see `truncateMarkdown`) and `onCut` is told
 * once per body. The renderers keep their lists short enough that this
 * should never be needed.
 */
export function fitMessageBody<T extends object>(body: T, onCut: (what: string) => void): T {
  const fields = body as { content?: unknown; embeds?: unknown };
  const cuts: string[] = [];
  let out: Record<string, unknown> = body as Record<string, unknown>;
  if (typeof fields.content === "string" && fields.content.length > DISCORD_LIMITS.content) {
    cuts.push(`content of ${fields.content.length} characters`);
    out = { ...out, content: truncateMarkdown(fields.content, DISCORD_LIMITS.content) };
  }
  if (Array.isArray(fields.embeds) && fields.embeds.length > 0) {
    const embeds = fields.embeds.map(embedData);
    const fitted = fitEmbeds(embeds);
    if (fitted.some((e, i) => JSON.stringify(e) !== JSON.stringify(embeds[i]))) {
      cuts.push(`embeds of ${embeds.reduce((n, e) => n + embedSize(e), 0)} characters`);
      out = { ...out, embeds: fitted };
    }
  }
  if (cuts.length > 0) onCut(cuts.join(" and "));
  return out as T;
}
