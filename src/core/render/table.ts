/** Column alignment in a text table. */
export type Align = "left" | "right";

/** The display width of a string: code points, which is right for Latin and Cyrillic text. */
export function displayWidth(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number, align: Align): string {
  const gap = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? gap + text : text + gap;
}

/**
 * Formats rows as an aligned monospace table with a header rule. Used by the
 * CLI summaries and the chat leaderboards (inside a code block on platforms).
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = header.map((cell, i) => Math.max(displayWidth(cell), ...rows.map((row) => displayWidth(row[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => pad(cell, widths[i] ?? 0, align[i] ?? "left")).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}
