import type { Clock } from "../core/ports.ts";
import type { TimerPort } from "./ticker.ts";

/** Platform send limits. Telegram: about 30 a second overall, 1 a second per chat, 20 a minute per group. */
export interface SendLimits {
  readonly globalPerSecond: number;
  readonly perChatPerSecond: number;
  readonly perGroupPerMinute: number;
}

/** Telegram's documented broadcast limits. */
export const TELEGRAM_LIMITS: SendLimits = { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 };

interface Job {
  readonly run: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Lane {
  readonly group: boolean;
  readonly jobs: Job[];
  busy: boolean;
  /** Start times of recent sends in this chat, newest last. */
  readonly sent: number[];
}

/**
 * An outgoing queue that keeps platform rate limits without sleeping in
 * handlers: each chat's messages go out in order, and a timer wakes the queue
 * when the next one is allowed.
 */
export function createSendQueue(deps: { clock: Clock; timers: TimerPort; limits: SendLimits }) {
  const { clock, timers, limits } = deps;
  const lanes = new Map<string, Lane>();
  const recent: number[] = [];
  let timer: unknown = null;
  let timerAt = Infinity;
  let stopped = false;

  function prune(list: number[], since: number): void {
    while (list.length > 0 && (list[0] ?? 0) <= since) list.shift();
  }

  /** The earliest time this lane's next message may start. */
  function readyAt(lane: Lane, now: number): number {
    let at = now;
    prune(recent, now - 1000);
    if (recent.length >= limits.globalPerSecond) at = Math.max(at, (recent[recent.length - limits.globalPerSecond] ?? now) + 1000);
    const last = lane.sent[lane.sent.length - 1];
    if (last !== undefined) at = Math.max(at, last + Math.ceil(1000 / limits.perChatPerSecond));
    if (lane.group) {
      prune(lane.sent, now - 60_000);
      if (lane.sent.length >= limits.perGroupPerMinute) {
        at = Math.max(at, (lane.sent[lane.sent.length - limits.perGroupPerMinute] ?? now) + 60_000);
      }
    }
    return at;
  }

  function pump(): void {
    const now = clock.now();
    let wake = Infinity;
    for (const [key, lane] of lanes) {
      if (lane.busy) continue;
      const job = lane.jobs[0];
      if (!job) {
        if (lane.sent.length === 0 || (lane.sent[lane.sent.length - 1] ?? 0) < now - 60_000) lanes.delete(key);
        continue;
      }
      const at = readyAt(lane, now);
      if (at > now) {
        wake = Math.min(wake, at);
        continue;
      }
      lane.jobs.shift();
      lane.busy = true;
      lane.sent.push(now);
      recent.push(now);
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          lane.busy = false;
          pump();
        });
    }
    if (wake < timerAt) {
      if (timer !== null) timers.clear(timer);
      timerAt = wake;
      timer = timers.set(() => {
        timer = null;
        timerAt = Infinity;
        pump();
      }, wake - now);
    }
  }

  return {
    /** Queues a send for a chat; resolves with its result once it has gone out within the limits. */
    push<T>(chatKey: string, group: boolean, run: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (stopped) {
          reject(new Error("the send queue has stopped"));
          return;
        }
        let lane = lanes.get(chatKey);
        if (!lane) {
          lane = { group, jobs: [], busy: false, sent: [] };
          lanes.set(chatKey, lane);
        }
        lane.jobs.push({ run, resolve: resolve as (v: unknown) => void, reject });
        pump();
      });
    },
    /** Messages waiting (not yet started). */
    size: () => [...lanes.values()].reduce((n, lane) => n + lane.jobs.length, 0),
    /**
     * Shutdown: cancels the wake-up timer and rejects every job not yet
     * started, so nobody waits forever. The outbox keeps those messages, and
     * they go out after the restart.
     */
    stop(): void {
      stopped = true;
      if (timer !== null) timers.clear(timer);
      timer = null;
      timerAt = Infinity;
      for (const lane of lanes.values()) {
        for (const job of lane.jobs.splice(0)) job.reject(new Error("the send queue stopped before this message went out"));
      }
    },
  };
}

/** The rate-limited outgoing queue. */
export type SendQueue = ReturnType<typeof createSendQueue>;
