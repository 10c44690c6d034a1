import { spanText, type Doc, type Inline } from "../../core/render/doc.ts";

/** Escapes Discord markdown in plain text, leaving links intact so they stay clickable. */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(https?:\/\/\S+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*_~`|>#[\]()-])/g, "\\$1")))
    .join("");
}

function spanMarkdown(span: Inline): string {
  if (typeof span === "string") return escapeMarkdown(span);
  if ("bold" in span) return `**${escapeMarkdown(span.bold)}**`;
  return `\`${spanText(span).replace(/`/g, "ˋ")}\``;
}

/** Renders a doc as Discord markdown: code in a ```python fence, tables in a plain fence. */
export function docToMarkdown(doc: Doc): string {
  return doc
    .map((block) => {
      if (block.kind === "p") return block.spans.map(spanMarkdown).join("");
      const fence = block.kind === "code" ? "```python" : "```";
      const text = (block.kind === "code" ? block.code : block.text).replace(/```/g, "`\u200b``");
      return `${fence}\n${text}\n\`\`\``;
    })
    .join("\n\n");
}

/** Discord's limits on a message's content and an embed's description. */
export const MAX_CONTENT = 2000;
export const MAX_EMBED_DESCRIPTION = 4096;
