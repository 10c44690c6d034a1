import type { DifficultyState } from "./difficulty.ts";

/**
 * Every question's difficulty held in memory, for selection over a large
 * bank: the app loads it once at start-up and sets each first-attempt
 * update into it (and into storage). Selection reads it by slot from a typed
 * array, with no hash lookup per candidate, which is what keeps a pick over
 * 10,000 questions well under half a millisecond.
 */
export interface DifficultyTable {
  /** The question's learned difficulty, if it has one. */
  get(id: string): DifficultyState | undefined;
  /** Records a question's new difficulty. */
  set(id: string, state: DifficultyState): void;
  /** How many questions have a learned difficulty. */
  readonly size: number;
}

/** The table's storage, shared with selection inside this module folder only. */
export interface DifficultySlots {
  /** A stable slot number for an id, created (empty) when new. */
  slot(id: string): number;
  /** b by slot; NaN where the question has no learned difficulty. Re-read after `slot`, which may grow it. */
  readonly b: Float64Array;
}

const slotsOf = new WeakMap<DifficultyTable, DifficultySlots>();

/** A table filled from stored rows, such as `[id, { b, n }]` pairs. */
export function createDifficultyTable(rows: Iterable<readonly [string, DifficultyState]> = []): DifficultyTable {
  const index = new Map<string, number>();
  const states: (DifficultyState | undefined)[] = [];
  let b = new Float64Array(64).fill(Number.NaN);
  let size = 0;

  const slot = (id: string): number => {
    let s = index.get(id);
    if (s === undefined) {
      s = states.length;
      index.set(id, s);
      states.push(undefined);
      if (s >= b.length) {
        const grown = new Float64Array(b.length * 2).fill(Number.NaN);
        grown.set(b);
        b = grown;
      }
    }
    return s;
  };

  const table: DifficultyTable = {
    get: (id) => {
      const s = index.get(id);
      return s === undefined ? undefined : states[s];
    },
    set: (id, state) => {
      const s = slot(id);
      if (states[s] === undefined) size++;
      states[s] = state;
      b[s] = state.b;
    },
    get size() {
      return size;
    },
  };
  slotsOf.set(table, {
    slot,
    get b() {
      return b;
    },
  });
  for (const [id, state] of rows) table.set(id, state);
  return table;
}

/** The slot storage behind a table made by `createDifficultyTable`, or undefined for any other object. */
export function difficultySlots(table: DifficultyTable): DifficultySlots | undefined {
  return slotsOf.get(table);
}
