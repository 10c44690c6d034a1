import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../../src/core/ports.ts";
import { describeBoardsContract } from "./store-contract-boards.ts";
import { describeRecordsContract } from "./store-contract-records.ts";

/** A store under test and how to dispose of it. */
export interface StoreFixture {
  readonly store: Store;
  close(): void;
}

/** The clock a fixture's store should use; the contract does not depend on it. */
export const CONTRACT_NOW = Date.UTC(2026, 10, 23, 12);

/**
 * The one contract every `Store` implementation must meet, written against
 * the port only, so a fake store for core tests can run it too.
 * Each test gets a fresh, empty store from `makeStore`, closed afterwards.
 */
export function describeStoreContract(name: string, makeStore: () => StoreFixture): void {
  describe(`${name} meets the Store contract`, () => {
    let fixture: StoreFixture;
    beforeEach(() => {
      fixture = makeStore();
    });
    afterEach(() => fixture.close());

    describeRecordsContract(() => fixture.store);
    describeBoardsContract(() => fixture.store);
  });
}
