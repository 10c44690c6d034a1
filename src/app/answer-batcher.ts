import type { Store } from "../core/ports.ts";
import type { RequestContext } from "./context.ts";
import type { RoundAnswerInput, RoundAnswerOutcome } from "./use-cases/rounds.ts";

/**
 * Group commit for round and daily answers. A popular poll brings answers in
 * bursts (Telegram hands them over up to 100 per `getUpdates`), and a commit
 * costs more than the answer's own statements. Answers submitted in the same
 * turn of the event loop are taken in one transaction, and each promise
 * resolves only after that transaction has committed: an acknowledged answer
 * is as durable as one committed alone.
 */
export interface AnswerBatcher {
  /** Takes one answer; resolves with its outcome once it is committed. */
  submit(ctx: RequestContext, input: RoundAnswerInput): Promise<RoundAnswerOutcome>;
  /** Answers waiting for the next commit. */
  readonly pending: number;
}

/** How a batch is scheduled: after the current turn of the event loop (`setImmediate` in the app). */
export type Defer = (run: () => void) => void;

/** The most answers one commit takes; a bigger burst is split. */
export const MAX_BATCH = 256;

interface Waiting {
  readonly ctx: RequestContext;
  readonly input: RoundAnswerInput;
  readonly resolve: (outcome: RoundAnswerOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Creates a batcher around the synchronous use case `answer`, which the
 * batcher always calls inside a transaction of its own: `answer` needs none
 * (one it opens anyway becomes a savepoint inside the batch's). If a batch
 * fails as a whole, every answer in it is retried alone, so one bad answer
 * never takes the others down with it.
 */
export function createAnswerBatcher(
  store: Pick<Store, "transaction">,
  answer: (ctx: RequestContext, input: RoundAnswerInput) => RoundAnswerOutcome,
  defer: Defer = (run) => setImmediate(run),
  maxBatch: number = MAX_BATCH,
): AnswerBatcher {
  let queue: Waiting[] = [];
  let scheduled = false;

  function runAlone(item: Waiting): void {
    try {
      item.resolve(store.transaction(() => answer(item.ctx, item.input)));
    } catch (error) {
      item.reject(error);
    }
  }

  function flush(): void {
    scheduled = false;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    if (queue.length > 0) schedule();
    if (batch.length === 1) return runAlone(batch[0]!);
    let outcomes: RoundAnswerOutcome[];
    try {
      outcomes = store.transaction(() => batch.map((item) => answer(item.ctx, item.input)));
    } catch {
      // Nothing of the batch was committed: take each alone, so only the failing one fails.
      for (const item of batch) runAlone(item);
      return;
    }
    batch.forEach((item, i) => item.resolve(outcomes[i]!));
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    defer(flush);
  }

  return {
    submit(ctx, input) {
      return new Promise<RoundAnswerOutcome>((resolve, reject) => {
        queue.push({ ctx, input, resolve, reject });
        schedule();
      });
    },
    get pending() {
      return queue.length;
    },
  };
}
