import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Folds the write-ahead log back into the database file from a worker thread,
 * so that the connection serving the bot never pays for a checkpoint.
 *
 * SQLite checkpoints automatically on the committing connection once the log
 * passes 1,000 pages; that checkpoint writes and syncs the file and stalls the
 * one commit that triggered it for milliseconds (the p99 of an answer). A
 * PASSIVE checkpoint on a second connection runs alongside the writer instead:
 * it never blocks a commit, and the next commit after a complete checkpoint
 * starts the log over, so the log stays small.
 */
export interface BackgroundCheckpointer {
  /** Has the worker checkpoint now, outside its schedule; resolves with the log's frames and how many are in the file. */
  checkpointNow(): Promise<CheckpointResult>;
  /**
   * Runs one scheduled tick now: it checkpoints unless the writer has
   * committed since the last tick and the last checkpoint is less than
   * `maxDeferMs` old, and resolves with the result, or `undefined` when it waited.
   */
  tickNow(): Promise<CheckpointResult | undefined>;
  /** Tells the worker that the writing connection has committed (cheap: one shared counter). */
  noteCommit(): void;
  /** Stops the worker; its connection closes with it. Safe to call twice. */
  stop(): void;
}

/** How often the worker looks at the log, in milliseconds of real time. */
export const CHECKPOINT_INTERVAL_MS = 100;

/**
 * The longest the worker waits for a quiet tick while the writer keeps
 * committing, in milliseconds. A checkpoint in the middle of a burst of
 * commits can't complete (new frames keep arriving, so the log can't start
 * over) and only takes CPU from the writer; one on the first quiet tick after
 * the burst completes in one go. Under writes that never pause, the log is
 * still folded into the file this often.
 */
export const MAX_CHECKPOINT_DEFER_MS = 1_000;

/**
 * The main connection's own automatic checkpoint, in pages, while the worker
 * runs: a safety net far above what the worker lets the log reach.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

// CommonJS run by the worker (`eval: true`): its own better-sqlite3 connection, a PASSIVE checkpoint per due tick.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 0");
const commits = new Int32Array(workerData.commits);
let seen = 0;
let lastCheckpoint = Date.now();
let lastError = "";
const checkpoint = () => {
  seen = Atomics.load(commits, 0);
  lastCheckpoint = Date.now();
  const [result] = db.pragma("wal_checkpoint(PASSIVE)");
  return { log: result.log, checkpointed: result.checkpointed };
};
// Due on a tick with no commit since the one before, or once the last checkpoint is maxDeferMs old.
const due = () => {
  const count = Atomics.load(commits, 0);
  const busy = count !== seen;
  seen = count;
  return !busy || Date.now() - lastCheckpoint >= workerData.maxDeferMs;
};
const tick = () => {
  if (!due()) return;
  try {
    const result = checkpoint();
    lastError = "";
    if (workerData.report && result.log > 0) parentPort.postMessage(result);
  } catch (error) {
    const message = String((error && error.message) || error);
    // The same failure again and again is reported once, not every tick.
    if (message !== lastError) parentPort.postMessage({ error: message });
    lastError = message;
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", ({ id, kind }) => {
  try {
    if (kind === "tick" && !due()) parentPort.postMessage({ id, waited: true });
    else parentPort.postMessage({ id, ...checkpoint() });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

/** What one checkpoint found: frames in the log, and how many of them are now in the database file. */
export interface CheckpointResult {
  readonly log: number;
  readonly checkpointed: number;
}

/** Options of `startBackgroundCheckpointer`. */
export interface CheckpointerOptions {
  readonly intervalMs?: number;
  /** The longest a checkpoint waits for a quiet tick (`MAX_CHECKPOINT_DEFER_MS`). */
  readonly maxDeferMs?: number;
  /** Hears a failed checkpoint (the next tick tries again). */
  readonly onError?: (message: string) => void;
  /** Hears each checkpoint that found frames in the log: how many, and how many are now in the file. */
  readonly onCheckpoint?: (result: CheckpointResult) => void;
}

type WorkerMessage = { readonly id?: number } & ({ readonly error: string } | { readonly waited: true } | CheckpointResult);

/**
 * Starts checkpointing the WAL database at `path` from a worker thread: it
 * looks every `intervalMs` and checkpoints when the writer has been quiet
 * since its last look, or when `maxDeferMs` have passed since its last
 * checkpoint. The worker never keeps the process alive.
 */
export function startBackgroundCheckpointer(
  path: string,
  options: CheckpointerOptions = {},
): BackgroundCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  // Bumped by the writer after each commit and read by the worker: no message per commit.
  const commits = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      path,
      commits: commits.buffer,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      maxDeferMs: options.maxDeferMs ?? MAX_CHECKPOINT_DEFER_MS,
      report: options.onCheckpoint !== undefined,
    },
  });
  worker.unref();
  const asked = new Map<number, { resolve: (r: CheckpointResult | undefined) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  worker.on("message", (message: WorkerMessage) => {
    const waiting = message.id === undefined ? undefined : asked.get(message.id);
    if (waiting && message.id !== undefined) asked.delete(message.id);
    if ("error" in message) {
      if (waiting) waiting.reject(new Error(message.error));
      else options.onError?.(message.error);
    } else if ("waited" in message) waiting?.resolve(undefined);
    else if (waiting) waiting.resolve({ log: message.log, checkpointed: message.checkpointed });
    else options.onCheckpoint?.(message);
  });
  // A worker that fails to start or dies leaves the main connection's own checkpoint in charge.
  worker.on("error", (error) => options.onError?.(error.message));
  let stopped = false;

  function ask(kind: "now" | "tick"): Promise<CheckpointResult | undefined> {
    if (stopped) return Promise.reject(new Error("the checkpointer is stopped"));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      asked.set(id, { resolve, reject });
      worker.postMessage({ id, kind });
    });
  }

  return {
    async checkpointNow() {
      const result = await ask("now");
      if (!result) throw new Error("the checkpointer did not checkpoint");
      return result;
    },
    tickNow() {
      return ask("tick");
    },
    noteCommit() {
      Atomics.add(commits, 0, 1);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      void worker.terminate();
      for (const waiting of asked.values()) waiting.reject(new Error("the checkpointer is stopped"));
      asked.clear();
    },
  };
}
