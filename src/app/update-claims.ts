import { AsyncLocalStorage } from "node:async_hooks";
import type { Clock, Store } from "../core/ports.ts";

/** Thrown inside the first transaction of a command whose update was already handled; it rolls that transaction back. */
export class DuplicateUpdate extends Error {
  override readonly name = "DuplicateUpdate";

  constructor(readonly key: string) {
    super(`update ${key} was handled before`);
  }
}

/** The claim an update's handler still owes: its key, and whether it is committed yet. */
interface PendingClaim {
  readonly key: string;
  claimed: boolean;
  /** Inside the transaction that carries the claim (nested transactions pass through). */
  inTransaction: boolean;
  /** The command has run: later transactions in the same handler (the outbox, timers) carry no claim. */
  done: boolean;
}

/** Claims platform updates together with the state change they cause. */
export interface UpdateClaims {
  /** The store for the use cases: its first transaction inside `run` also claims the update, and fails with `DuplicateUpdate` if it was claimed before. */
  readonly store: Store;
  /**
   * Runs an update's handler with `key` as the claim it owes. An update that
   * ran no command (plain text) is claimed when its handler returns; a handler
   * that throws leaves its update unclaimed, so a redelivery runs it again.
   */
  run<T>(key: string, handler: () => Promise<T>): Promise<T>;
  /**
   * Called when a command has run: a command that committed no transaction
   * claims its update alone now, before its replies go out. False when the
   * update was handled before, so the replies must not be sent again. True
   * outside `run`.
   */
  finish(): boolean;
  /** Runs `fn` outside any update's claim: for work that serves several updates at once (a group commit). */
  outside<T>(fn: () => T): T;
}

/**
 * Makes a redelivered command update change state exactly once, also across
 * a crash. The claim (a row in `processed_updates`) is written inside the
 * command's own first transaction, so the two commit together: a process
 * killed before that commit leaves neither, and Telegram's redelivery runs
 * the command again; killed after it, the redelivery finds the claim and is
 * skipped. A command that changes nothing claims its update alone just
 * before replying, so a duplicate is not answered twice.
 *
 * The pending claim follows the handler through its awaits (AsyncLocalStorage),
 * so handlers of different chats running at once never take each other's claim.
 */
export function createUpdateClaims(inner: Store, clock: Clock): UpdateClaims {
  const pending = new AsyncLocalStorage<PendingClaim>();
  const bound = new WeakMap<object, unknown>();

  function transaction<T>(fn: () => T): T {
    const claim = pending.getStore();
    if (!claim || claim.claimed || claim.done || claim.inTransaction) return inner.transaction(fn);
    const result = inner.transaction(() => {
      claim.inTransaction = true;
      try {
        if (!inner.claimUpdate(claim.key, clock.now())) throw new DuplicateUpdate(claim.key);
        return fn();
      } finally {
        claim.inTransaction = false;
      }
    });
    claim.claimed = true;
    return result;
  }

  /** Claims alone what no transaction claimed, once; false when the update was claimed before. */
  function settle(claim: PendingClaim): boolean {
    if (claim.done) return true;
    claim.done = true;
    if (!claim.claimed) claim.claimed = inner.claimUpdate(claim.key, clock.now());
    return claim.claimed;
  }

  // Every other member is the inner store's own, bound to it; `transaction` is looked up at each call.
  const store = new Proxy(inner, {
    get(target, prop) {
      if (prop === "transaction") return transaction;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      let fn = bound.get(value);
      if (fn === undefined) bound.set(value, (fn = (value as (...args: unknown[]) => unknown).bind(target)));
      return fn;
    },
  });

  return {
    store,
    run(key, handler) {
      const claim: PendingClaim = { key, claimed: false, inTransaction: false, done: false };
      return pending.run(claim, async () => {
        const result = await handler();
        settle(claim);
        return result;
      });
    },
    finish() {
      const claim = pending.getStore();
      return claim ? settle(claim) : true;
    },
    outside(fn) {
      return pending.exit(fn);
    },
  };
}
