import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Store } from "../../src/core/ports.ts";
import { answer, ANN, BOB, CAT, CHAT, OTHER_CHAT, seed, sortSeen } from "./store-contract-helpers.ts";

/** The Store contract for users, chats, sessions and the answer log; part of `describeStoreContract`. */
export function describeRecordsContract(getStore: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = getStore();
  });

  describe("users and chats", () => {
    it("creates a user without a language and keeps the chosen language when the user is renamed", () => {
      expect(store.upsertUser(ANN, "Ann")).toEqual({ id: ANN, name: "Ann", lang: null });
      store.setUserLang(ANN, "ru");
      expect(store.upsertUser(ANN, "Anna")).toEqual({ id: ANN, name: "Anna", lang: "ru" });
      expect(store.getUser(ANN)).toEqual({ id: ANN, name: "Anna", lang: "ru" });
    });

    it("clears a user's language with null", () => {
      store.upsertUser(ANN, "Ann");
      store.setUserLang(ANN, "en");
      store.setUserLang(ANN, null);
      expect(store.getUser(ANN)?.lang).toBeNull();
    });

    it("returns undefined for a user or chat it does not know", () => {
      expect(store.getUser("tg:404")).toBeUndefined();
      expect(store.getChat("tg:404")).toBeUndefined();
    });

    it("creates a chat in UTC with no language and the default settings, and returns the same chat the next time", () => {
      const created = store.ensureChat(CHAT, "group");
      expect(created).toEqual({ id: CHAT, kind: "group", lang: null, timezone: "UTC", settings: DEFAULT_SETTINGS });
      store.updateChat({ ...created, timezone: "Europe/Moscow" });
      expect(store.ensureChat(CHAT, "group").timezone).toBe("Europe/Moscow");
      expect(store.getChat(CHAT)).toEqual({ ...created, timezone: "Europe/Moscow" });
    });

    it("saves a chat's language, time zone and settings", () => {
      const chat = store.ensureChat("dc:9", "private");
      const changed = { ...chat, lang: "ru" as const, timezone: "Asia/Yekaterinburg", settings: { roundSeconds: 20, roundQuestions: 8, topics: ["cyclic-gc", "weakref"], daily: { enabled: true, time: "07:45", revealHours: 6 }, cards: false } };
      store.updateChat(changed);
      expect(store.getChat("dc:9")).toEqual(changed);
    });
  });

  describe("sessions", () => {
    it("creates an open session and reads it back with its state", () => {
      seed(store);
      const state = { questions: ["refcount/q1", "gc/q2"], index: 0, nested: { ok: true } };
      const created = store.createSession({ chatId: OTHER_CHAT, kind: "round", startedBy: BOB, createdAt: 5_000, closesAt: 35_000, state });
      expect(created).toEqual({ id: created.id, chatId: OTHER_CHAT, kind: "round", status: "open", startedBy: BOB, createdAt: 5_000, closesAt: 35_000, state });
      expect(store.getSession(created.id)).toEqual(created);
      expect(store.getSession(created.id + 1000)).toBeUndefined();
    });

    it("saves new state, deadline and status", () => {
      const { round } = seed(store);
      store.updateSession(round, { state: { index: 1 }, closesAt: 61_000, status: "open", updatedAt: 31_000 });
      expect(store.getSession(round)).toMatchObject({ state: { index: 1 }, closesAt: 61_000, status: "open" });
      store.updateSession(round, { state: { index: 5 }, closesAt: null, status: "finished", updatedAt: 200_000 });
      expect(store.getSession(round)).toMatchObject({ state: { index: 5 }, closesAt: null, status: "finished" });
    });

    it("opens an ended session again when its new status is open", () => {
      const { round } = seed(store);
      store.updateSession(round, { state: { index: 5 }, closesAt: null, status: "finished", updatedAt: 200_000 });
      store.updateSession(round, { state: { index: 6 }, closesAt: 250_000, status: "open", updatedAt: 220_000 });
      expect(store.getSession(round)).toMatchObject({ state: { index: 6 }, closesAt: 250_000, status: "open" });
      expect(store.openSession(CHAT, "round")?.id).toBe(round);
      expect(store.nextDeadline()).toBe(250_000);
    });

    it("finds the open session of a kind in a chat, optionally the one a user started", () => {
      const { round, practice } = seed(store);
      const bobs = store.createSession({ chatId: OTHER_CHAT, kind: "practice", startedBy: BOB, createdAt: 2_000, closesAt: null, state: {} }).id;
      expect(store.openSession(CHAT, "round")?.id).toBe(round);
      expect(store.openSession(CHAT, "practice")).toBeUndefined();
      expect(store.openSession(OTHER_CHAT, "practice", ANN)?.id).toBe(practice);
      expect(store.openSession(OTHER_CHAT, "practice", BOB)?.id).toBe(bobs);
      expect(store.openSession(OTHER_CHAT, "practice", CAT)).toBeUndefined();
      store.updateSession(round, { state: {}, closesAt: null, status: "stopped", updatedAt: 3_000 });
      expect(store.openSession(CHAT, "round")).toBeUndefined();
    });

    it("lists open sessions due at a time, oldest deadline first, leaving out later, undated and closed ones", () => {
      const { round } = seed(store); // due at 31_000
      const mk = (chatId: string, closesAt: number | null) =>
        store.createSession({ chatId, kind: "practice", startedBy: BOB, createdAt: 1_000, closesAt, state: {} }).id;
      const early = mk(OTHER_CHAT, 20_000);
      const exactly = mk(CHAT, 40_000);
      mk(CHAT, 40_001);
      const closed = mk(CHAT, 10_000);
      store.updateSession(closed, { state: {}, closesAt: 10_000, status: "finished", updatedAt: 10_000 });
      expect(store.dueSessions(40_000).map((s) => s.id)).toEqual([early, round, exactly]);
      expect(store.dueSessions(19_999)).toEqual([]);
    });

    it("gives the earliest deadline of any open session, or null", () => {
      expect(store.nextDeadline()).toBeNull();
      const { round } = seed(store);
      expect(store.nextDeadline()).toBe(31_000);
      store.updateSession(round, { state: {}, closesAt: null, status: "finished", updatedAt: 31_000 });
      expect(store.nextDeadline()).toBeNull();
    });
  });

  describe("answers", () => {
    it("counts the first answer: a second one to the same session question returns null and is not stored", () => {
      const { round } = seed(store);
      expect(store.hasAnswered(round, 0, ANN)).toBe(false);
      const first = store.appendAnswer(answer({ userId: ANN, sessionId: round, option: 1, correct: false }));
      expect(first).toEqual(expect.any(Number));
      expect(store.appendAnswer(answer({ userId: ANN, sessionId: round, option: 0, correct: true }))).toBeNull();
      expect(store.hasAnswered(round, 0, ANN)).toBe(true);
      expect(store.sessionAnswers(round, 0)).toEqual([{ ...answer({ userId: ANN, sessionId: round, option: 1, correct: false }), id: first }]);
      // The same user may answer the next question.
      expect(store.appendAnswer(answer({ userId: ANN, sessionId: round, questionIndex: 1 }))).toEqual(expect.any(Number));
    });

    it("lists one question's answers in order of arrival", () => {
      const { round } = seed(store);
      store.appendAnswer(answer({ userId: CAT, sessionId: round, answeredAt: 2_500 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: round, answeredAt: 2_400 }));
      store.appendAnswer(answer({ userId: BOB, sessionId: round, questionIndex: 1 }));
      expect(store.sessionAnswers(round, 0).map((a) => a.userId)).toEqual([CAT, ANN]);
      expect(store.sessionAnswers(round, 2)).toEqual([]);
    });

    it("gives each question a user saw in a chat once, with the last time", () => {
      const { round, practice } = seed(store);
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionId: "q/a", answeredAt: 1_000 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionId: "q/b", answeredAt: 2_000, questionIndex: 1 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionId: "q/a", answeredAt: 3_000, questionIndex: 2 }));
      store.appendAnswer(answer({ userId: BOB, sessionId: round, questionId: "q/c", answeredAt: 4_000 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: practice, chatId: OTHER_CHAT, questionId: "q/d", answeredAt: 5_000 }));
      expect(sortSeen([...store.seenByUser(ANN, CHAT)].map(([questionId, lastAt]) => ({ questionId, lastAt })))).toEqual([
        { questionId: "q/a", lastAt: 3_000 },
        { questionId: "q/b", lastAt: 2_000 },
      ]);
      expect(sortSeen(store.seenInChat(CHAT))).toEqual([
        { questionId: "q/a", lastAt: 3_000 },
        { questionId: "q/b", lastAt: 2_000 },
        { questionId: "q/c", lastAt: 4_000 },
      ]);
      expect(store.seenByUser(BOB, OTHER_CHAT).size).toBe(0);
    });

    it("counts questions posted to a chat as seen there even when nobody answered them", () => {
      const { round } = seed(store);
      store.recordAsked(CHAT, "q/unanswered", 1_500);
      store.recordAsked(CHAT, "q/a", 500);
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionId: "q/a", answeredAt: 1_000 }));
      store.recordAsked(CHAT, "q/unanswered", 1_200);
      expect(sortSeen(store.seenInChat(CHAT))).toEqual([
        { questionId: "q/a", lastAt: 1_000 },
        { questionId: "q/unanswered", lastAt: 1_500 },
      ]);
      expect(store.seenInChat(OTHER_CHAT)).toEqual([]);
    });

    it("keeps ability, difficulty and review-card states as JSON, and counts a user's answers to a question", () => {
      const { round } = seed(store);
      store.putAbility(ANN, "", { mean: 0.5, sd: 0.8, n: 3 }, 1_000);
      store.putAbility(ANN, "q", { mean: 1, sd: 0.9, n: 1 }, 1_000);
      store.putAbility(ANN, "q", { mean: 1.2, sd: 0.7, n: 2 }, 2_000);
      expect(store.abilities(ANN)).toEqual(new Map([["", { mean: 0.5, sd: 0.8, n: 3 }], ["q", { mean: 1.2, sd: 0.7, n: 2 }]]));
      expect(store.abilities(BOB)).toEqual(new Map());
      store.putDifficulty("q/a", { b: -0.4, n: 7 }, 1_000);
      store.recordQuestionStat("q/a", true, 1_500);
      expect(store.difficulties()).toEqual(new Map([["q/a", { b: -0.4, n: 7 }]]));
      expect(store.answerCount(ANN, "q/a", 2)).toBe(0);
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionId: "q/a" }));
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionId: "q/a", questionIndex: 1 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionId: "q/a", questionIndex: 2 }));
      expect(store.answerCount(ANN, "q/a", 2)).toBe(2);
      store.putReviewCard(ANN, "q/b", { due: 5_000 }, 5_000, 1_000);
      store.putReviewCard(ANN, "q/a", { due: 3_000 }, 3_000, 1_000);
      store.putReviewCard(ANN, "q/b", { due: 9_000 }, 9_000, 2_000);
      expect(store.reviewCards(ANN)).toEqual([
        { questionId: "q/a", card: { due: 3_000 }, dueAt: 3_000 },
        { questionId: "q/b", card: { due: 9_000 }, dueAt: 9_000 },
      ]);
      expect(store.dueReviewCount(ANN, 4_000)).toBe(1);
      expect(store.dueReviewCount(ANN, 9_000)).toBe(2);
    });

    it("keeps platform references as JSON and replaces them by key", () => {
      expect(store.getRef("tg:poll:1")).toBeUndefined();
      store.putRef("tg:poll:1", { chatId: CHAT, sessionId: 3, index: 0 }, 1_000);
      store.putRef("tg:poll:1", { chatId: CHAT, sessionId: 3, index: 1 }, 2_000);
      expect(store.getRef("tg:poll:1")).toEqual({ chatId: CHAT, sessionId: 3, index: 1 });
    });

    it("gives a user's most recent results newest first, at most `limit`, over every chat", () => {
      const { round, practice } = seed(store);
      store.appendAnswer(answer({ userId: ANN, sessionId: round, correct: true, answeredAt: 1_000 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: practice, chatId: OTHER_CHAT, correct: false, answeredAt: 3_000 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionIndex: 1, correct: true, answeredAt: 2_000 }));
      store.appendAnswer(answer({ userId: BOB, sessionId: round, correct: false, answeredAt: 4_000 }));
      expect(store.recentResults(ANN, 10)).toEqual([false, true, true]);
      expect(store.recentResults(ANN, 2)).toEqual([false, true]);
      expect(store.recentResults(CAT, 5)).toEqual([]);
    });

    it("counts a user's answers and correct answers per topic over every chat", () => {
      const { round, practice } = seed(store);
      store.appendAnswer(answer({ userId: ANN, sessionId: round, topic: "refcount", correct: true }));
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionIndex: 1, topic: "refcount", correct: false }));
      store.appendAnswer(answer({ userId: ANN, sessionId: practice, chatId: OTHER_CHAT, topic: "cyclic-gc", correct: true }));
      store.appendAnswer(answer({ userId: BOB, sessionId: round, topic: "weakref" }));
      expect([...store.topicProgress(ANN)].sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([
        { topic: "cyclic-gc", answers: 1, correct: 1 },
        { topic: "refcount", answers: 2, correct: 1 },
      ]);
      expect(store.topicProgress(CAT)).toEqual([]);
    });

    it("gives the question of the user's newest answer in a chat", () => {
      const { round, practice } = seed(store);
      expect(store.lastQuestion(ANN, CHAT)).toBeUndefined();
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionId: "q/new", answeredAt: 9_000 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: round, questionIndex: 1, questionId: "q/old", answeredAt: 1_000 }));
      store.appendAnswer(answer({ userId: ANN, sessionId: practice, chatId: OTHER_CHAT, questionId: "q/elsewhere", answeredAt: 10_000 }));
      store.appendAnswer(answer({ userId: BOB, sessionId: round, questionId: "q/bobs", answeredAt: 11_000 }));
      expect(store.lastQuestion(ANN, CHAT)).toBe("q/new");
      expect(store.lastQuestion(ANN, OTHER_CHAT)).toBe("q/elsewhere");
    });

    it("accepts question statistics for new and known questions", () => {
      expect(() => {
        store.recordQuestionStat("refcount/q1", true, 1_000);
        store.recordQuestionStat("refcount/q1", false, 2_000);
      }).not.toThrow();
    });
  });
}
