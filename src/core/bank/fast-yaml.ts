import { load, type EventType, type State } from "js-yaml";
import { CORE_SCALAR_TAG_PREFIX, CORE_SCALARS_SCHEMA } from "./core-scalars.ts";
import type { Position } from "./yaml-source.ts";

/** A question file read by js-yaml: its value and where each question starts. */
export interface FastRead {
  readonly value: { readonly questions: readonly unknown[] } & Record<string, unknown>;
  /** The position of each item of the top-level `questions` list, as the yaml path would give it. */
  readonly questionPositions: readonly Position[];
}

/** Fields of js-yaml's parser state that @types/js-yaml leaves out. */
interface NodeProps {
  readonly tag?: string | null;
  readonly anchor?: string | null;
}

/** A sequence js-yaml built, with the start offset and value of each node composed directly inside it. */
interface ComposedList {
  readonly value: unknown[];
  readonly starts: number[];
  readonly items: unknown[];
}

/** What a recorder saw while js-yaml parsed. */
interface Recording {
  /** Every sequence, innermost first. */
  readonly lists: ComposedList[];
  /** Set by anything the yaml path may read differently: an anchor, a tag, a directive, a warning. */
  unsafe: boolean;
  /** Nodes opened and not yet closed: 0 after a complete parse. */
  open: number;
}

/** A js-yaml listener that records where every node starts and what each sequence holds. */
function nodeRecorder(): { readonly recording: Recording; readonly listen: (event: EventType, state: State) => void } {
  const recording: Recording = { lists: [], unsafe: false, open: 0 };
  const openStarts: number[] = [];
  const openMarks: number[] = [];
  // Closed nodes whose parent is still open: their starts and values, in order.
  const doneStarts: number[] = [];
  const doneValues: unknown[] = [];
  const listen = (event: EventType, state: State): void => {
    if (event === "open") {
      openStarts.push(state.position);
      openMarks.push(doneStarts.length);
      recording.open = openStarts.length;
      return;
    }
    const start = openStarts.pop() ?? -1;
    const mark = openMarks.pop() ?? 0;
    recording.open = openStarts.length;
    // An anchor moves yaml's node start past it, and yaml caps alias expansion; tags resolve differently.
    // (Should js-yaml rename `anchor`, undefined !== null sends every file to the yaml path, which tests notice.)
    const { tag, anchor } = state as State & NodeProps;
    if (anchor !== null || (tag != null && tag !== "?" && !tag.startsWith(CORE_SCALAR_TAG_PREFIX))) recording.unsafe = true;
    if (state.version !== null) recording.unsafe = true; // a %YAML directive can change yaml's schema
    if (Array.isArray(state.result)) {
      recording.lists.push({ value: state.result, starts: doneStarts.slice(mark), items: doneValues.slice(mark) });
    }
    doneStarts.length = mark;
    doneValues.length = mark;
    doneStarts.push(start);
    doneValues.push(state.result);
  };
  return { recording, listen };
}

/** 1-based line and column of ascending offsets, counting lines at `\n` like yaml's LineCounter. */
function positionsOf(text: string, offsets: readonly number[]): Position[] | undefined {
  const out: Position[] = [];
  let line = 1;
  let lineStart = 0;
  let previous = 0;
  for (const offset of offsets) {
    if (offset < previous) return undefined;
    previous = offset;
    for (let next = text.indexOf("\n", lineStart); next !== -1 && next < offset; next = text.indexOf("\n", lineStart)) {
      line += 1;
      lineStart = next + 1;
    }
    out.push({ line, col: offset - lineStart + 1 });
  }
  return out;
}

/**
 * Text that js-yaml reads differently from yaml, found before parsing: a lone
 * CR (a line break to js-yaml only), `!<` (a verbatim tag), `#` right after a
 * quote, bracket, comma or colon (a comment to js-yaml; yaml wants white space
 * first), a block scalar header with an indentation indicator (`|2`; yaml
 * drops some space-only lines in those), and a tab before a line's first other
 * character (js-yaml skips some such lines as blank or comments; yaml reports
 * a tab in the indentation).
 */
const UNSAFE_TEXT = /\r(?!\n)|!<|["'[\]{},:]#|(?:^|[ \t])[|>][-+]?[1-9][-+]?[ \t]*(?:#.*)?$|^ *\t/m;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a question file with js-yaml, much faster than the yaml library, with
 * plain scalars resolved as yaml's core schema does. Returns undefined whenever
 * the result might differ from the yaml path's: unsafe text (above), js-yaml
 * throws or warns, anchors, tags or directives, or question positions that
 * don't line up. The caller then reads the file with the yaml path.
 */
export function readFast(text: string): FastRead | undefined {
  // Without a final line break, js-yaml adds one; yaml reads the last line as it is.
  if (!text.endsWith("\n") || UNSAFE_TEXT.test(text)) return undefined;
  const { recording, listen } = nodeRecorder();
  let value: unknown;
  try {
    value = load(text, {
      schema: CORE_SCALARS_SCHEMA,
      listener: listen,
      onWarning: () => {
        recording.unsafe = true;
      },
    });
  } catch {
    return undefined;
  }
  if (recording.unsafe || recording.open !== 0 || !isRecord(value) || !Array.isArray(value.questions)) return undefined;
  const questions: unknown[] = value.questions;
  // The innermost node that built the list has the items as its direct children.
  const list = recording.lists.find((candidate) => candidate.value === questions);
  if (!list || list.items.length !== questions.length) return undefined;
  if (list.items.some((item, index) => item !== questions[index])) return undefined;
  const bom = text.startsWith("\uFEFF") ? 1 : 0; // js-yaml drops a byte order mark; yaml counts it
  const questionPositions = positionsOf(text, list.starts.map((start) => start + bom));
  if (!questionPositions) return undefined;
  return { value: value as FastRead["value"], questionPositions };
}
