/** A run of text inside a paragraph: plain, bold, or inline code. */
export type Inline = string | { readonly bold: string } | { readonly code: string };

/** A block of a message: a paragraph, a Python code block, or preformatted text (tables). */
export type Block =
  | { readonly kind: "p"; readonly spans: readonly Inline[] }
  | { readonly kind: "code"; readonly code: string }
  | { readonly kind: "pre"; readonly text: string };

/**
 * A platform-neutral message. Rendering builds these once; each adapter turns
 * them into its markup (HTML on Telegram, Markdown on Discord, plain text in
 * the console).
 */
export type Doc = readonly Block[];

/** A paragraph of spans. */
export function p(...spans: Inline[]): Block {
  return { kind: "p", spans };
}

/** A Python code block. */
export function code(source: string): Block {
  return { kind: "code", code: source.replace(/\n+$/, "") };
}

/** Preformatted text, such as an aligned table. */
export function pre(text: string): Block {
  return { kind: "pre", text };
}

/** Bold text. */
export function bold(text: string): Inline {
  return { bold: text };
}

/** Inline code. */
export function mono(text: string): Inline {
  return { code: text };
}

/** The text of a span with no markup. */
export function spanText(span: Inline): string {
  return typeof span === "string" ? span : "bold" in span ? span.bold : span.code;
}

/** Renders a doc as plain text: paragraphs separated by blank lines, code indented. */
export function toPlainText(doc: Doc): string {
  return doc
    .map((block) => {
      if (block.kind === "p") return block.spans.map(spanText).join("");
      const text = block.kind === "code" ? block.code : block.text;
      return text
        .split("\n")
        .map((line) => `    ${line}`.trimEnd())
        .join("\n");
    })
    .join("\n\n");
}
