import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.ts";
import { answer, ANN, award, BOB, CAT, CHAT, GLOBAL_ALL, OTHER_CHAT, payload, seed, WEEK_48, WEEK_49 } from "./store-contract-helpers.ts";

/** The Store contract for points, leaderboards, delivery, reports and transactions; part of `describeStoreContract`. */
export function describeBoardsContract(getStore: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = getStore();
  });

  describe("points and leaderboards", () => {
    it("ranks ties together (1, 1, 3) and orders the top by points, then name", () => {
      const { round } = seed(store);
      award(store, store.appendAnswer(answer({ userId: CAT, sessionId: round })), CAT, 20, [WEEK_48, GLOBAL_ALL]);
      award(store, store.appendAnswer(answer({ userId: BOB, sessionId: round })), BOB, 20, [WEEK_48, GLOBAL_ALL]);
      award(store, store.appendAnswer(answer({ userId: ANN, sessionId: round })), ANN, 10, [WEEK_48, GLOBAL_ALL]);
      award(store, store.appendAnswer(answer({ userId: ANN, sessionId: round, questionIndex: 1 })), ANN, 5, [WEEK_48, GLOBAL_ALL]);
      expect(store.top(WEEK_48, 10)).toEqual([
        { userId: BOB, name: "Bob", points: 20 },
        { userId: CAT, name: "Cat", points: 20 },
        { userId: ANN, name: "Ann", points: 15 },
      ]);
      expect(store.top(WEEK_48, 2).map((r) => r.userId)).toEqual([BOB, CAT]);
      expect(store.rank(WEEK_48, BOB)).toEqual({ rank: 1, points: 20, players: 3 });
      expect(store.rank(WEEK_48, CAT)).toEqual({ rank: 1, points: 20, players: 3 });
      expect(store.rank(WEEK_48, ANN)).toEqual({ rank: 3, points: 15, players: 3 });
      expect(store.top(GLOBAL_ALL, 10)).toEqual(store.top(WEEK_48, 10));
    });

    it("keeps boards with different keys apart", () => {
      const { round } = seed(store);
      award(store, store.appendAnswer(answer({ userId: ANN, sessionId: round })), ANN, 30, [WEEK_48]);
      award(store, store.appendAnswer(answer({ userId: BOB, sessionId: round })), BOB, 10, [WEEK_49]);
      expect(store.top(WEEK_48, 10)).toEqual([{ userId: ANN, name: "Ann", points: 30 }]);
      expect(store.top(WEEK_49, 10)).toEqual([{ userId: BOB, name: "Bob", points: 10 }]);
      expect(store.rank(WEEK_49, BOB)).toEqual({ rank: 1, points: 10, players: 1 });
      expect(store.rank(WEEK_49, ANN)).toBeUndefined();
      expect(store.top({ ...WEEK_48, scope: OTHER_CHAT }, 10)).toEqual([]);
    });

    it("shows a player's new name on the boards", () => {
      const { round } = seed(store);
      award(store, store.appendAnswer(answer({ userId: ANN, sessionId: round })), ANN, 10, [WEEK_48]);
      store.upsertUser(ANN, "Anna");
      expect(store.top(WEEK_48, 1)).toEqual([{ userId: ANN, name: "Anna", points: 10 }]);
    });

    it("totals a session's points per player, highest first, with 0 for players who answered but earned nothing", () => {
      const { round, practice } = seed(store);
      award(store, store.appendAnswer(answer({ userId: ANN, sessionId: round })), ANN, 10, [WEEK_48]);
      award(store, store.appendAnswer(answer({ userId: ANN, sessionId: round, questionIndex: 1 })), ANN, 15, [WEEK_48]);
      award(store, store.appendAnswer(answer({ userId: BOB, sessionId: round })), BOB, 30, [WEEK_48]);
      store.appendAnswer(answer({ userId: CAT, sessionId: round, correct: false }));
      award(store, store.appendAnswer(answer({ userId: CAT, sessionId: practice, chatId: OTHER_CHAT })), CAT, 99, []);
      expect(store.sessionTotals(round)).toEqual([
        { userId: BOB, name: "Bob", points: 30, correct: 1 },
        { userId: ANN, name: "Ann", points: 25, correct: 2 },
        { userId: CAT, name: "Cat", points: 0, correct: 0 },
      ]);
      expect(store.sessionTotals(practice)).toEqual([{ userId: CAT, name: "Cat", points: 99, correct: 1 }]);
    });
  });

  describe("delivery", () => {
    it("keeps undelivered messages oldest first until they are sent, counting failures", () => {
      store.ensureChat(CHAT, "group");
      const first = store.enqueue(CHAT, payload(0), 1_000);
      const second = store.enqueue(OTHER_CHAT, payload(1), 1_001);
      const third = store.enqueue(CHAT, payload(2), 1_002);
      expect(store.pending(10)).toEqual([
        { id: first, chatId: CHAT, payload: payload(0), createdAt: 1_000, attempts: 0 },
        { id: second, chatId: OTHER_CHAT, payload: payload(1), createdAt: 1_001, attempts: 0 },
        { id: third, chatId: CHAT, payload: payload(2), createdAt: 1_002, attempts: 0 },
      ]);
      expect(store.pending(2).map((m) => m.id)).toEqual([first, second]);
      store.markFailed(first, "429 Too Many Requests");
      store.markFailed(first, "429 Too Many Requests");
      store.markSent(second, 2_000);
      expect(store.pending(10).map((m) => [m.id, m.attempts])).toEqual([
        [first, 2],
        [third, 0],
      ]);
    });

    it("leases a message to one deliverer until the lease runs out, a failure or the send", () => {
      const id = store.enqueue(CHAT, payload(0), 1_000);
      expect(store.lease(id, 1_000, 61_000)).toBe(true);
      // A second process can't take it while the lease runs.
      expect(store.lease(id, 30_000, 90_000)).toBe(false);
      // The first process died: after the lease it may be retried.
      expect(store.lease(id, 61_000, 121_000)).toBe(true);
      store.markFailed(id, "500");
      expect(store.lease(id, 62_000, 122_000)).toBe(true);
      store.markSent(id, 63_000);
      expect(store.lease(id, 200_000, 260_000)).toBe(false);
    });

    it("claims an update id once", () => {
      expect(store.claimUpdate("tg:update:42", 1_000)).toBe(true);
      expect(store.claimUpdate("tg:update:42", 2_000)).toBe(false);
      expect(store.claimUpdate("dc:update:42", 2_000)).toBe(true);
    });
  });

  describe("reports", () => {
    it("lists reports newest first", () => {
      const older = store.addReport({ userId: ANN, chatId: CHAT, questionId: "q/a", text: "typo in option 2", createdAt: 1_000 });
      const newer = store.addReport({ userId: BOB, chatId: OTHER_CHAT, questionId: "q/b", text: "wrong for 3.12", createdAt: 2_000 });
      expect(store.listReports()).toEqual([
        { id: newer, userId: BOB, chatId: OTHER_CHAT, questionId: "q/b", text: "wrong for 3.12", createdAt: 2_000 },
        { id: older, userId: ANN, chatId: CHAT, questionId: "q/a", text: "typo in option 2", createdAt: 1_000 },
      ]);
    });
  });

  describe("transactions", () => {
    it("returns the function's value and keeps its writes", () => {
      const { round } = seed(store);
      const id = store.transaction(() => store.appendAnswer(answer({ userId: ANN, sessionId: round })));
      expect(id).toEqual(expect.any(Number));
      expect(store.sessionAnswers(round, 0)).toHaveLength(1);
    });

    it("writes nothing when the function throws", () => {
      const { round } = seed(store);
      expect(() =>
        store.transaction(() => {
          award(store, store.appendAnswer(answer({ userId: ANN, sessionId: round })), ANN, 10, [WEEK_48]);
          store.enqueue(CHAT, payload(0), 2_000);
          store.claimUpdate("tg:update:7", 2_000);
          throw new Error("the adapter failed after writing");
        }),
      ).toThrow("the adapter failed after writing");
      expect(store.sessionAnswers(round, 0)).toEqual([]);
      expect(store.top(WEEK_48, 10)).toEqual([]);
      expect(store.pending(10)).toEqual([]);
      expect(store.claimUpdate("tg:update:7", 3_000)).toBe(true);
    });

    it("undoes only an inner transaction that throws when the outer one catches it", () => {
      const { round } = seed(store);
      store.transaction(() => {
        store.appendAnswer(answer({ userId: ANN, sessionId: round }));
        try {
          store.transaction(() => {
            award(store, store.appendAnswer(answer({ userId: BOB, sessionId: round })), BOB, 10, [WEEK_48]);
            throw new Error("inner");
          });
        } catch {
          // The outer transaction goes on without the inner writes.
        }
      });
      expect(store.sessionAnswers(round, 0).map((a) => a.userId)).toEqual([ANN]);
      expect(store.top(WEEK_48, 10)).toEqual([]);
    });

    it("keeps an award off the boards until its points are added, and reads a session's awards and results back in order", () => {
      const { round, practice } = seed(store);
      award(store, store.appendAnswer(answer({ userId: BOB, sessionId: round })), BOB, 20, []);
      store.appendAnswer(answer({ userId: CAT, sessionId: round, correct: false }));
      award(store, store.appendAnswer(answer({ userId: ANN, sessionId: round, questionIndex: 1, answeredAt: 3_000 })), ANN, 15, []);
      award(store, store.appendAnswer(answer({ userId: ANN, sessionId: practice, chatId: OTHER_CHAT })), ANN, 99, []);
      expect(store.top(WEEK_48, 10)).toEqual([]);
      expect(store.sessionAwards(round)).toEqual([
        { userId: BOB, points: 20, at: 2_000 },
        { userId: ANN, points: 15, at: 2_000 },
      ]);
      const results = store.sessionResults(round);
      expect(results.map((r) => [r.questionIndex, r.userId, r.correct])).toEqual([
        [0, BOB, true],
        [0, CAT, false],
        [1, ANN, true],
      ]);
      expect(results[2]).toEqual({ id: expect.any(Number), questionIndex: 1, userId: ANN, correct: true, answeredAt: 3_000, responseMs: expect.any(Number) });
      expect(store.sessionResults(round, 0)).toEqual(results.slice(0, 2));
      expect(store.sessionResults(round, 2)).toEqual([]);
      // A board given twice counts the points once.
      store.addToBoards(BOB, 20, [WEEK_48, GLOBAL_ALL, WEEK_48]);
      store.transaction(() => store.addToBoards(ANN, 15, [WEEK_48]));
      expect(store.top(WEEK_48, 10)).toEqual([
        { userId: BOB, name: "Bob", points: 20 },
        { userId: ANN, name: "Ann", points: 15 },
      ]);
      expect(store.rank(GLOBAL_ALL, BOB)).toEqual({ rank: 1, points: 20, players: 1 });
    });

    it("rolls an award back with the caller's transaction", () => {
      const { round } = seed(store);
      const answerId = store.appendAnswer(answer({ userId: ANN, sessionId: round }));
      expect(() =>
        store.transaction(() => {
          award(store, answerId, ANN, 10, [WEEK_48, GLOBAL_ALL]);
          throw new Error("later step failed");
        }),
      ).toThrow("later step failed");
      expect(store.rank(WEEK_48, ANN)).toBeUndefined();
      expect(store.sessionTotals(round)).toEqual([{ userId: ANN, name: "Ann", points: 0, correct: 1 }]);
    });
  });
}
