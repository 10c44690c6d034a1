import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.ts";
import { closeDatabase, createSqliteStore, openDatabase, type SqliteDatabase } from "../../src/storage/index.ts";
import { answer, ANN, CHAT, seed } from "./store-contract-helpers.ts";

const open: SqliteDatabase[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of open.splice(0)) closeDatabase(db);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two stores on one file, as two processes sharing the database would have. */
function twoConnections(): [Store, Store] {
  const dir = mkdtempSync(join(tmpdir(), "memquiz-cache-"));
  dirs.push(dir);
  const path = join(dir, "bot.db");
  const a = openDatabase(path);
  const b = openDatabase(path);
  open.push(a, b);
  return [createSqliteStore(a), createSqliteStore(b)];
}

const card = (n: number) => ({ n });
const cardIds = (store: Store) => store.reviewCards(ANN).map((r) => [r.questionId, r.dueAt, r.card]);

describe("the read caches behind practice picks", () => {
  it("see this connection's own answers and cards as soon as they are written", () => {
    const [store] = twoConnections();
    const { practice } = seed(store);
    expect(store.seenByUser(ANN, CHAT).size).toBe(0);
    store.appendAnswer(answer({ userId: ANN, sessionId: practice, questionId: "q/a", answeredAt: 1_000 }));
    store.appendAnswer(answer({ userId: ANN, sessionId: practice, questionId: "q/a", answeredAt: 3_000, questionIndex: 1 }));
    store.appendAnswer(answer({ userId: ANN, sessionId: practice, questionId: "q/b", answeredAt: 2_000, questionIndex: 2 }));
    expect([...store.seenByUser(ANN, CHAT)].sort()).toEqual([["q/a", 3_000], ["q/b", 2_000]]);

    expect(cardIds(store)).toEqual([]);
    store.putReviewCard(ANN, "q/a", card(1), 500, 1);
    store.putReviewCard(ANN, "q/b", card(2), 100, 1);
    store.putReviewCard(ANN, "q/a", card(3), 50, 2);
    // Soonest due first, the replaced card gone: what a fresh read gives.
    expect(cardIds(store)).toEqual([["q/a", 50, { n: 3 }], ["q/b", 100, { n: 2 }]]);
  });

  it("drop what they remember when another connection commits", () => {
    const [mine, other] = twoConnections();
    const { practice } = seed(mine);
    expect(cardIds(mine)).toEqual([]);
    expect(mine.seenByUser(ANN, CHAT).size).toBe(0);
    other.putReviewCard(ANN, "q/a", card(1), 500, 1);
    other.appendAnswer(answer({ userId: ANN, sessionId: practice, questionId: "q/c", answeredAt: 9_000 }));
    expect(cardIds(mine)).toEqual([["q/a", 500, { n: 1 }]]);
    expect([...mine.seenByUser(ANN, CHAT)]).toEqual([["q/c", 9_000]]);
  });

  it("forget writes that were rolled back", () => {
    const [store] = twoConnections();
    const { practice } = seed(store);
    expect(cardIds(store)).toEqual([]);
    expect(store.seenByUser(ANN, CHAT).size).toBe(0);
    expect(() =>
      store.transaction(() => {
        store.putReviewCard(ANN, "q/a", card(1), 500, 1);
        store.appendAnswer(answer({ userId: ANN, sessionId: practice, questionId: "q/a", answeredAt: 1_000 }));
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(cardIds(store)).toEqual([]);
    expect(store.seenByUser(ANN, CHAT).size).toBe(0);
  });

  it("forget a forgotten user's data", () => {
    const [store] = twoConnections();
    const { practice } = seed(store);
    store.appendAnswer(answer({ userId: ANN, sessionId: practice, questionId: "q/a", answeredAt: 1_000 }));
    store.putReviewCard(ANN, "q/a", card(1), 500, 1);
    expect(cardIds(store)).toHaveLength(1);
    expect(store.seenByUser(ANN, CHAT).size).toBe(1);
    store.transaction(() => store.forgetUser(ANN));
    expect(cardIds(store)).toEqual([]);
    expect(store.seenByUser(ANN, CHAT).size).toBe(0);
  });
});
