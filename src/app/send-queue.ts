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
  /** When recent sends finished, oldest first. */
  const recent: number[] = [];
  let inFlight = 0;
  /** Lanes with at least one message not yet started. */
  const waiting = new Set<Lane>();
  let pumps = 0;
  let timer: unknown = null;
  let timerAt = Infinity;
  let stopped = false;

  function prune(list: number[], since: number): void {
    while (list.length > 0 && (list[0] ?? 0) <= since) list.shift();
  }

  /**
   * The earliest time this lane's next message may start (Infinity: when a
   * send in flight finishes). Sends count from when they finished, and those
   * in flight count as happening now.
   */
  function readyAt(lane: Lane, now: number): number {
    let at = now;
    prune(recent, now - 1000);
    const used = recent.length + inFlight;
    if (used >= limits.globalPerSecond) {
      const mustExpire = recent[used - limits.globalPerSecond];
      at = mustExpire === undefined ? Infinity : Math.max(at, mustExpire + 1000);
    }
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

  /** Forgets idle lanes whose last send left every window (called now and then, not per send). */
  function sweep(now: number): void {
    for (const [key, lane] of lanes) {
      if (!lane.busy && lane.jobs.length === 0 && (lane.sent[lane.sent.length - 1] ?? 0) < now - 60_000) lanes.delete(key);
    }
  }

  function pump(): void {
    const now = clock.now();
    if (++pumps % 1024 === 0) sweep(now);
    let wake = Infinity;
    // Only lanes with messages waiting are looked at, so a broadcast to many chats stays cheap.
    for (const lane of waiting) {
      if (lane.busy) continue;
      const job = lane.jobs[0];
      if (!job) {
        waiting.delete(lane);
        continue;
      }
      const at = readyAt(lane, now);
      if (at > now) {
        wake = Math.min(wake, at);
        continue;
      }
      lane.jobs.shift();
      if (lane.jobs.length === 0) waiting.delete(lane);
      lane.busy = true;
      inFlight++;
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          // The platform counted the message when it arrived, somewhere between start and now:
          // counting it from now keeps every window on the safe side of the platform's.
          const done = clock.now();
          lane.sent.push(done);
          recent.push(done);
          inFlight--;
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
        waiting.add(lane);
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
      waiting.clear();
      for (const lane of lanes.values()) {
        for (const job of lane.jobs.splice(0)) job.reject(new Error("the send queue stopped before this message went out"));
      }
    },
  };
}

/** The rate-limited outgoing queue. */
export type SendQueue = ReturnType<typeof createSendQueue>;
