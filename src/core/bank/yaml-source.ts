import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

/** A YAML file parsed with positions, so errors can name a line and column. */
export interface YamlSource {
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** A YAML syntax error with its position. */
export interface YamlSyntaxError extends Position {
  readonly message: string;
}

/** Parses YAML text, keeping the positions of every node. */
export function parseYamlSource(file: string, text: string): { source: YamlSource; errors: YamlSyntaxError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((error) => ({
    ...lines.linePos(error.pos[0]),
    message: error.message.split("\n")[0] ?? error.message,
  }));
  return { source: { file, text, doc, lines }, errors };
}

/** The position of an offset in the source. */
export function positionOf(source: YamlSource, offset: number): Position {
  return source.lines.linePos(offset);
}

function childOf(node: unknown, key: PropertyKey): { node: unknown; keyNode: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
    return pair ? { node: pair.value, keyNode: pair.key } : undefined;
  }
  if (isSeq(node) && typeof key === "number") {
    const item = node.items[key];
    return item === undefined ? undefined : { node: item, keyNode: item };
  }
  return undefined;
}

/**
 * The position of the deepest node along a path (a missing key points at its
 * parent). With `atKey`, the last step points at the key rather than its value.
 */
export function locate(source: YamlSource, path: readonly PropertyKey[], atKey = false): Position {
  let node: unknown = source.doc.contents;
  let best: unknown = node;
  for (const [index, key] of path.entries()) {
    const child = childOf(node, key);
    if (!child) break;
    node = child.node;
    const target = atKey && index === path.length - 1 ? child.keyNode : child.node;
    if (target) best = target;
  }
  const range = (best as Node | null)?.range;
  return positionOf(source, range ? range[0] : 0);
}

/**
 * Best guess at the question id and field around a line, for syntax errors
 * where no tree is available: the nearest `id:` and key at or above it.
 */
export function guessContext(text: string, line: number): { questionId: string; field: string } {
  const rows = text.split("\n").slice(0, line);
  let field = "-";
  let questionId = "-";
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i] ?? "";
    const key = /^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:/.exec(row);
    if (key && field === "-") field = key[1] ?? "-";
    const id = /^\s*(?:-\s+)?id\s*:\s*["']?([^"'\s#]+)/.exec(row);
    if (id) {
      questionId = id[1] ?? "-";
      break;
    }
    if (/^\S/.test(row)) break; // left the questions list
  }
  return { questionId, field };
}
