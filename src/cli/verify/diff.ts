/** The two header lines of a diff: what the `-` side and the `+` side are. */
export interface DiffLabels {
  readonly expected: string;
  readonly actual: string;
}

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

/** Above this many cells the line matching falls back to prefix/suffix trimming. */
const MAX_MATRIX = 4_000_000;
const NO_NEWLINE = "\\ No newline at end of file";

/** Splits text into lines that keep their `\n`, so a missing final newline is a difference. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Makes the invisible visible in one diff line (without its `\n`): trailing
 * spaces as `·`, trailing tabs as `→`, a carriage return as `␍`, and other
 * control characters as `\xNN`. Output that differs only in whitespace then
 * shows where.
 */
export function visibleLine(line: string): string {
  const body = line.endsWith("\n") ? line.slice(0, -1) : line;
  const trailing = /[ \t\r]*$/.exec(body)?.[0] ?? "";
  const head = body.slice(0, body.length - trailing.length);
  const shown = trailing.replace(/ /g, "·").replace(/\t/g, "→").replace(/\r/g, "␍");
  const escaped = head.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === "\r" ? "␍" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
  return escaped + shown;
}

/** The shortest edit script between two line lists (longest common subsequence). */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const head: Op[] = a.slice(0, start).map((line) => ({ kind: " ", line }));
  const tail: Op[] = a.slice(endA).map((line) => ({ kind: " ", line }));
  return [...head, ...diffMiddle(midA, midB), ...tail];
}

function diffMiddle(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_MATRIX) {
    return [...a.map((line): Op => ({ kind: "-", line })), ...b.map((line): Op => ({ kind: "+", line }))];
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j]
        ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
        : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i++] ?? "" });
      j++;
    } else if (j < m && (i === n || (lcs[i * width + j + 1] ?? 0) > (lcs[(i + 1) * width + j] ?? 0))) {
      ops.push({ kind: "+", line: b[j++] ?? "" });
    } else {
      ops.push({ kind: "-", line: a[i++] ?? "" });
    }
  }
  return ops;
}

function range(start: number, count: number): string {
  // Unified diff convention: an empty range names the line before it.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

function renderOp(op: Op): string[] {
  const line = `${op.kind}${visibleLine(op.line)}`;
  return op.line.endsWith("\n") ? [line] : [line, NO_NEWLINE];
}

/**
 * Formats a line-based unified diff of the expected output against the
 * actual one, with `context` unchanged lines around each change. Whitespace
 * and a missing final newline are made visible (see `visibleLine`), since
 * they are what a byte-exact comparison most often trips on.
 */
export function formatDiff(expected: string, actual: string, labels: DiffLabels = { expected: "expected", actual: "actual" }, context = 3): string {
  const ops = diffLines(splitLines(expected), splitLines(actual));
  const out = [`--- ${labels.expected}`, `+++ ${labels.actual}`];
  const changed = ops.flatMap((op, index) => (op.kind === " " ? [] : [index]));
  let hunkIndex = 0;
  while (hunkIndex < changed.length) {
    const first = changed[hunkIndex] ?? 0;
    let last = first;
    // Merge changes whose context would touch or overlap.
    while (hunkIndex + 1 < changed.length && (changed[hunkIndex + 1] ?? 0) - last <= 2 * context + 1) {
      last = changed[++hunkIndex] ?? last;
    }
    hunkIndex++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length, last + context + 1);
    let startA = 0;
    let startB = 0;
    for (const op of ops.slice(0, from)) {
      if (op.kind !== "+") startA++;
      if (op.kind !== "-") startB++;
    }
    const hunk = ops.slice(from, to);
    const countA = hunk.filter((op) => op.kind !== "+").length;
    const countB = hunk.filter((op) => op.kind !== "-").length;
    out.push(`@@ -${range(startA, countA)} +${range(startB, countB)} @@`);
    for (const op of hunk) out.push(...renderOp(op));
  }
  if (changed.length === 0) out.push("(no difference)");
  return out.join("\n");
}
