import { spanText, type Doc, type Inline } from "../../core/render/doc.ts";

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function spanHtml(span: Inline): string {
  if (typeof span === "string") return escapeHtml(span);
  if ("bold" in span) return `<b>${escapeHtml(span.bold)}</b>`;
  return `<code>${escapeHtml(spanText(span))}</code>`;
}

/** Renders a doc as Telegram HTML: code in `<pre><code class="language-python">`, tables in `<pre>`. */
export function docToHtml(doc: Doc): string {
  return doc
    .map((block) => {
      if (block.kind === "p") return block.spans.map(spanHtml).join("");
      if (block.kind === "code") return `<pre><code class="language-python">${escapeHtml(block.code)}</code></pre>`;
      return `<pre>${escapeHtml(block.text)}</pre>`;
    })
    .join("\n\n");
}

/** Telegram's limit on one message's text. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Cuts text to a limit (for poll questions and options), marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
