/** The benchmark's figures, and how they are printed as a table or as JSON. */

/** One figure: a gated one has a target and a pass, a reference one has pass null. */
export interface Figure {
  readonly value: number;
  /** The target, such as "≤ 0.52", or the reference text for an ungated figure. */
  readonly target: string;
  readonly pass: boolean | null;
}

/** A row of the printed table: the adaptive figure, the random one for reference, and the target. */
export interface Row {
  readonly label: string;
  readonly adaptive?: Figure;
  readonly random?: number;
  readonly digits?: number;
  /** For an ungated figure with a target: how it compares, shown in brackets. */
  readonly wouldPass?: boolean;
}

/** A titled group of rows. */
export interface Section {
  readonly title: string;
  readonly rows: readonly Row[];
}

/** A gated figure: `value` against `target`. */
export function gate(value: number, target: string, pass: boolean): Figure {
  return { value, target, pass };
}

/** An ungated figure, printed for reference. */
export function info(value: number, target = "—"): Figure {
  return { value, target, pass: null };
}

/** The table, one section at a time. */
export function formatTable(sections: readonly Section[]): string {
  const lines: string[] = [];
  const head = `${"figure".padEnd(44)} ${"adaptive".padStart(9)} ${"random".padStart(9)}   ${"target".padEnd(22)} result`;
  for (const section of sections) {
    lines.push("", section.title, head, "-".repeat(head.length));
    for (const row of section.rows) {
      const d = row.digits ?? 4;
      const a = row.adaptive === undefined ? "" : row.adaptive.value.toFixed(d);
      const r = row.random === undefined ? "" : row.random.toFixed(d);
      const target = row.adaptive?.target ?? "";
      const pass = row.adaptive?.pass;
      const result = pass === true ? "PASS" : pass === false ? "FAIL" : row.wouldPass === undefined ? "" : row.wouldPass ? "(within)" : "(outside)";
      lines.push(`${row.label.padEnd(44)} ${a.padStart(9)} ${r.padStart(9)}   ${target.padEnd(22)} ${result}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
