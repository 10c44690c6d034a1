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
  const ticker = createTicker({
    clock,
    timers: deps.timers,
    nextDeadline: () => earliest(deps.store.nextDeadline(), deps.store.nextDailyAt()),
    onDue: async (now) => {
      app.closeDue(now);
      await dispatcher.flush();
    },
    onError: (error) => deps.log.error(`timer: ${error instanceof Error ? error.message : String(error)}`),
  });

  return {
    app,
    deps,
    async settle() {
      await dispatcher.flush();
      ticker.poke();
    },
    async tick() {
      app.closeDue(clock.now());
      await dispatcher.flush();
      ticker.poke();
    },
    addSink(prefix, sink) {
      sinks[prefix] = sink;
    },
    idle: () => ticker.idle(),
    stop: () => ticker.stop(),
  };
}
