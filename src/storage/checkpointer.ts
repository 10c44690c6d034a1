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
  /** Stops the worker; its connection closes with it. Safe to call twice. */
  stop(): void;
}

/** How often the worker checkpoints, in milliseconds of real time. */
export const CHECKPOINT_INTERVAL_MS = 100;

/**
 * The main connection's own automatic checkpoint, in pages, while the worker
 * runs: a safety net far above what the worker lets the log reach.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

// CommonJS run by the worker (`eval: true`): its own better-sqlite3 connection, a PASSIVE checkpoint per tick.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 0");
let lastError = "";
const tick = () => {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    lastError = "";
    if (workerData.report && result.log > 0) parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    const message = String((error && error.message) || error);
    // The same failure again and again is reported once, not every tick.
    if (message !== lastError) parentPort.postMessage({ error: message });
    lastError = message;
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (id) => {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ id, log: result.log, checkpointed: result.checkpointed });
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
  /** Hears a failed checkpoint (the next tick tries again). */
  readonly onError?: (message: string) => void;
  /** Hears each checkpoint that found frames in the log: how many, and how many are now in the file. */
  readonly onCheckpoint?: (result: CheckpointResult) => void;
}

type WorkerMessage = { readonly id?: number } & ({ readonly error: string } | CheckpointResult);

/**
 * Starts checkpointing the WAL database at `path` every `intervalMs` from a
 * worker thread. The worker never keeps the process alive.
 */
export function startBackgroundCheckpointer(
  path: string,
  options: CheckpointerOptions = {},
): BackgroundCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path, intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS, report: options.onCheckpoint !== undefined },
  });
  worker.unref();
  const asked = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  worker.on("message", (message: WorkerMessage) => {
    const waiting = message.id === undefined ? undefined : asked.get(message.id);
    if (waiting && message.id !== undefined) asked.delete(message.id);
    if ("error" in message) {
      if (waiting) waiting.reject(new Error(message.error));
      else options.onError?.(message.error);
    } else if (waiting) waiting.resolve({ log: message.log, checkpointed: message.checkpointed });
    else options.onCheckpoint?.(message);
  });
  // A worker that fails to start or dies leaves the main connection's own checkpoint in charge.
  worker.on("error", (error) => options.onError?.(error.message));
  let stopped = false;
  return {
    checkpointNow() {
      if (stopped) return Promise.reject(new Error("the checkpointer is stopped"));
      const id = nextId++;
      return new Promise<CheckpointResult>((resolve, reject) => {
        asked.set(id, { resolve, reject });
        worker.postMessage(id);
      });
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
