import type { Clock } from "../core/ports.ts";
import type { AppDeps, AppLog } from "./context.ts";
import { createGameApp, type GameApp } from "./game-app.ts";
import { createOutboxDispatcher, type DispatchLog, type OutboxSink } from "./outbox-dispatcher.ts";
import { createTicker, type TimerPort } from "./ticker.ts";

/** The app with its delivery loop and timers: what an adapter drives. */
export interface Runtime {
  readonly app: GameApp;
  readonly deps: AppDeps;
  /** Call after handling an update: sends queued messages and re-arms the timer. */
  settle(): Promise<void>;
  /** Closes everything due now, then settles. Used by the timer and at start-up. */
  tick(): Promise<void>;
  /** Registers the sink that delivers outbox messages for chats with this id prefix (`tg`, `dc`, `cli`). */
  addSink(prefix: string, sink: OutboxSink): void;
  /** Resolves when a timer-driven close that has started is done (tests use it with fake timers). */
  idle(): Promise<void>;
  /** Stops the timer and waits for work in flight. */
  stop(): Promise<void>;
}

/** Backoff for outbox messages that failed: 1 s, doubling, at most a minute. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

/** Wires the game app to the outbox dispatcher and the deadline ticker. */
export function createRuntime(deps: AppDeps & { timers: TimerPort; log: AppLog & DispatchLog & { error(message: string): void } }): Runtime {
  const app = createGameApp(deps);
  const sinks: Record<string, OutboxSink> = {};
  const dispatcher = createOutboxDispatcher({ store: deps.store, clock: deps.clock, sinks, log: deps.log });
  const clock: Clock = deps.clock;
  let retryTimer: unknown = null;
  let retryMs = FIRST_RETRY_MS;
  let stopped = false;
  /** Flushes the outbox; when a delivery failed, flushes again later, with backoff, so the message goes out even if nothing else happens. */
  async function flush(): Promise<void> {
    await dispatcher.flush();
    if (dispatcher.failures() === 0) {
      retryMs = FIRST_RETRY_MS;
      return;
    }
    if (retryTimer !== null || stopped) return;
    retryTimer = deps.timers.set(() => {
      retryTimer = null;
      flush().catch((error: unknown) => deps.log.error(`outbox: ${error instanceof Error ? error.message : String(error)}`));
    }, retryMs);
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  }
  const ticker = createTicker({
    clock,
    timers: deps.timers,
    nextDeadline: () => earliest(deps.store.nextDeadline(), deps.store.nextDailyAt()),
    onDue: async (now) => {
      app.closeDue(now);
      await flush();
    },
    onError: (error) => deps.log.error(`timer: ${error instanceof Error ? error.message : String(error)}`),
  });

  return {
    app,
    deps,
    async settle() {
      await flush();
      ticker.poke();
    },
    async tick() {
      app.closeDue(clock.now());
      await flush();
      ticker.poke();
    },
    addSink(prefix, sink) {
      sinks[prefix] = sink;
    },
    idle: () => ticker.idle(),
    async stop() {
      stopped = true;
      if (retryTimer !== null) deps.timers.clear(retryTimer);
      retryTimer = null;
      await ticker.stop();
    },
  };
}
