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

const stateOf = (store: Store, id: number) => store.getSession<{ n: number }>(id);
const overall = (store: Store) => store.abilitiesIn(ANN, ["", "gc"]).get("");
const roundSeconds = (store: Store) => store.getChat(CHAT)?.settings.roundSeconds;

/** Changes a session, a chat and an ability through `store`. */
function change(store: Store, round: number, n: number): void {
  store.updateSession(round, { state: { n }, closesAt: 50_000 + n, status: "open", updatedAt: 2_000 });
  const chat = store.getChat(CHAT)!;
  store.updateChat({ ...chat, settings: { ...chat.settings, roundSeconds: 10 + n } });
  store.putAbility(ANN, "", { mean: n, sd: 1, n }, 2_000);
}

describe("the read caches behind every answer: sessions, chats and abilities", () => {
  it("see this connection's own writes, and share frozen records", () => {
    const [store] = twoConnections();
    const { round } = seed(store);
    expect(stateOf(store, round)?.state).toEqual({});
    expect(overall(store)).toBeUndefined();
    change(store, round, 1);
    expect(stateOf(store, round)).toMatchObject({ state: { n: 1 }, closesAt: 50_001, status: "open" });
    expect(roundSeconds(store)).toBe(11);
    expect(overall(store)).toEqual({ mean: 1, sd: 1, n: 1 });
    expect(store.abilities(ANN)).toEqual(new Map([["", { mean: 1, sd: 1, n: 1 }]]));
    // A caller can't change what the next caller reads.
    expect(() => Object.assign(stateOf(store, round)!.state, { n: 9 })).toThrow(TypeError);
    expect(() => Object.assign(store.getChat(CHAT)!.settings, { roundSeconds: 9 })).toThrow(TypeError);
    expect(stateOf(store, round)?.state).toEqual({ n: 1 });
    expect(store.getSession(987_654)).toBeUndefined();
    // An ended session is read from the table again, as written.
    store.updateSession(round, { state: { n: 4 }, closesAt: null, status: "finished", updatedAt: 3_000 });
    expect(stateOf(store, round)).toMatchObject({ state: { n: 4 }, closesAt: null, status: "finished" });
  });

  it("drop what they remember when another connection commits", () => {
    const [mine, other] = twoConnections();
    const { round } = seed(mine);
    expect(stateOf(mine, round)?.state).toEqual({});
    expect(roundSeconds(mine)).toBe(30);
    expect(overall(mine)).toBeUndefined();
    change(other, round, 2);
    expect(stateOf(mine, round)?.state).toEqual({ n: 2 });
    expect(roundSeconds(mine)).toBe(12);
    expect(overall(mine)).toEqual({ mean: 2, sd: 1, n: 2 });
  });

  it("forget writes that were rolled back", () => {
    const [store] = twoConnections();
    const { round } = seed(store);
    change(store, round, 1);
    expect(() =>
      store.transaction(() => {
        change(store, round, 3);
        expect(stateOf(store, round)?.state).toEqual({ n: 3 });
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(stateOf(store, round)?.state).toEqual({ n: 1 });
    expect(roundSeconds(store)).toBe(11);
    expect(overall(store)).toEqual({ mean: 1, sd: 1, n: 1 });
  });
});

describe("the user cache behind every answer", () => {
  it("follows a new name or language from either connection, and forgets a rolled-back rename", () => {
    const [mine, other] = twoConnections();
    seed(mine);
    const ann = mine.upsertUser(ANN, "Ann");
    expect(ann).toEqual({ id: ANN, name: "Ann", lang: null });
    expect(() => Object.assign(ann, { name: "Eve" })).toThrow(TypeError);
    expect(mine.getUser(ANN)).toBe(ann);
    other.upsertUser(ANN, "Anna");
    expect(mine.getUser(ANN)?.name).toBe("Anna");
    other.setUserLang(ANN, "ru");
    expect(mine.upsertUser(ANN, "Anna")).toEqual({ id: ANN, name: "Anna", lang: "ru" });
    mine.setUserLang(ANN, "en");
    expect(mine.getUser(ANN)?.lang).toBe("en");
    expect(() =>
      mine.transaction(() => {
        mine.upsertUser(ANN, "Annette");
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(mine.getUser(ANN)).toEqual({ id: ANN, name: "Anna", lang: "en" });
  });
});
