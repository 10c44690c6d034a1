import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const GROUPS = process.platform !== "win32";

/**
 * Kills a snippet's process and, on POSIX, every process it started: snippets
 * run as leaders of their own process group (`detached`), so the group id is
 * the child's pid. Falls back to the child alone when the group is gone.
 */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  if (GROUPS) {
    try {
      process.kill(-child.pid, "SIGKILL");
      return;
    } catch {
      // The group has already gone; the child itself may still need reaping.
    }
  }
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** Tracks the snippet processes of one verify run so that none outlives it. */
export interface Reaper {
  /** Starts tracking a process (and the temporary folder it runs in) until `release` is called for it. */
  track(child: ChildProcess, dir: string): void;
  /** Stops tracking a process that has finished. */
  release(child: ChildProcess): void;
  /** Kills whatever is still tracked and removes the signal handlers. */
  dispose(): void;
}

/**
 * Creates a reaper and installs SIGINT/SIGTERM handlers for its lifetime.
 * Snippets live in their own process groups, so Ctrl-C in the terminal would
 * not reach them and a `while True: pass` would keep running after verify
 * quits; the handlers kill them and remove their folders, then re-raise the
 * signal with its default behaviour.
 */
export function createReaper(): Reaper {
  const live = new Map<ChildProcess, string>();
  const killAll = () => {
    for (const [child, dir] of live) {
      killTree(child);
      // Synchronous on purpose: this also runs on exit, where promises don't.
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    }
    live.clear();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    killAll();
    remove();
    process.kill(process.pid, signal);
  };
  const remove = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", killAll);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", killAll);
  return {
    track: (child, dir) => live.set(child, dir),
    release: (child) => live.delete(child),
    dispose: () => {
      killAll();
      remove();
    },
  };
}
