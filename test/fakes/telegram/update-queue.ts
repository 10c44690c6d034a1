import type { Update } from "grammy/types";
import { TelegramApiError } from "./api-error.ts";

/** An update as a test pushes it: `update_id` is assigned unless given. */
export type UpdateInput = Omit<Update, "update_id"> & { update_id?: number };

/** What `getUpdates` asked for, already coerced to numbers. */
export interface GetUpdatesQuery {
  /** First update id to return; earlier ones are confirmed and forgotten. */
  offset?: number;
  /** At most this many updates (1–100, default 100). */
  limit: number;
  /** Seconds to hold the request while there is nothing to return. */
  timeoutSeconds: number;
}

interface Pending {
  update: Update;
  /** Pushed with an explicit id below the confirmed offset: delivered once anyway. */
  redelivery: boolean;
  delivered: boolean;
}

interface Waiter {
  wake: () => void;
  fail: (error: TelegramApiError) => void;
}

/**
 * The bot's update queue with Telegram's `getUpdates` semantics: offsets confirm
 * updates, and an empty queue holds the request (long polling) until an update
 * arrives, the timeout passes, the client goes away, or the fake closes.
 *
 * A test may push an `update_id` the bot already confirmed, to simulate a
 * redelivery; such an update is handed out once regardless of the offset.
 */
export class UpdateQueue {
  private pending: Pending[] = [];
  private nextId = 1;
  private confirmed = 0;
  private waiters = new Set<Waiter>();
  private closed = false;

  /** Queues an update and wakes a waiting `getUpdates`; returns its id. */
  push(input: UpdateInput): Update {
    const id = input.update_id ?? this.nextId;
    this.nextId = Math.max(this.nextId, id + 1);
    const update = { ...input, update_id: id } as Update;
    this.pending.push({ update, redelivery: id < this.confirmed, delivered: false });
    for (const waiter of this.waiters) waiter.wake();
    return update;
  }

  /** Updates not yet confirmed, as `getWebhookInfo.pending_update_count` counts them. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Forgets every pending update, as `deleteWebhook({ drop_pending_updates: true })` does. */
  dropPending(): void {
    this.pending = [];
  }

  /** Answers one `getUpdates` call, waiting up to its timeout when nothing is pending. */
  async take(query: GetUpdatesQuery, signal: AbortSignal): Promise<Update[]> {
    // A newer getUpdates ends an older one, as on Telegram.
    for (const waiter of this.waiters) {
      waiter.fail(new TelegramApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    }
    this.confirm(query.offset);
    let batch = this.select(query.limit);
    if (batch.length > 0 || query.timeoutSeconds <= 0 || this.closed) return this.deliver(batch);
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.waiters.delete(waiter);
        resolve();
      };
      const waiter: Waiter = {
        wake: done,
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(done, query.timeoutSeconds * 1000);
      signal.addEventListener("abort", done);
      this.waiters.add(waiter);
    });
    if (signal.aborted) return [];
    batch = this.select(query.limit);
    return this.deliver(batch);
  }

  /** Ends every held `getUpdates` with an empty result and answers later ones at once. */
  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined) return;
    if (offset < 0) {
      this.pending = this.pending.slice(offset);
      return;
    }
    this.confirmed = Math.max(this.confirmed, offset);
    this.pending = this.pending.filter((p) => p.update.update_id >= offset || (p.redelivery && !p.delivered));
  }

  private select(limit: number): Pending[] {
    return this.pending.slice(0, limit);
  }

  private deliver(batch: Pending[]): Update[] {
    for (const p of batch) p.delivered = true;
    return batch.map((p) => p.update);
  }
}
