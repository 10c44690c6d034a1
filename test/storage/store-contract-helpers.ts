import type { OutboxPayload } from "../../src/core/game/outbox-payload.ts";
import type { AnswerInput, BoardKey, Store } from "../../src/core/ports.ts";

/** Shared ids, boards and builders for the Store contract suite. */
export const CHAT = "tg:-100";
export const OTHER_CHAT = "tg:-200";
export const ANN = "tg:1";
export const BOB = "tg:2";
export const CAT = "tg:3";

export const WEEK_48: BoardKey = { scope: CHAT, period: "week", key: "2026-W48" };
export const WEEK_49: BoardKey = { scope: CHAT, period: "week", key: "2026-W49" };
export const GLOBAL_ALL: BoardKey = { scope: "global", period: "all", key: "all" };

/** Three users, two chats, an open round in CHAT (due at 31_000) and Ann's practice in OTHER_CHAT. */
export function seed(store: Store): { round: number; practice: number } {
  for (const [id, userName] of [[ANN, "Ann"], [BOB, "Bob"], [CAT, "Cat"]] as const) store.upsertUser(id, userName);
  store.ensureChat(CHAT, "group");
  store.ensureChat(OTHER_CHAT, "group");
  const round = store.createSession({ chatId: CHAT, kind: "round", startedBy: ANN, createdAt: 1_000, closesAt: 31_000, state: {} }).id;
  const practice = store.createSession({ chatId: OTHER_CHAT, kind: "practice", startedBy: ANN, createdAt: 1_000, closesAt: null, state: {} }).id;
  return { round, practice };
}

/** A correct answer to question 0 in CHAT, with the fields a test cares about changed. */
export function answer(input: Partial<AnswerInput> & Pick<AnswerInput, "userId" | "sessionId">): AnswerInput {
  return {
    chatId: CHAT,
    questionId: "refcount/q1",
    topic: "refcount",
    questionIndex: 0,
    option: 0,
    correct: true,
    answeredAt: 2_000,
    responseMs: 1_000,
    ...input,
  };
}

/** Awards points for a stored answer (`appendAnswer`'s result) on the given boards. */
export function award(store: Store, answerId: number | null, userId: string, points: number, boards: readonly BoardKey[]): void {
  if (answerId === null) throw new Error("the answer was not stored");
  store.addAward({ answerId, userId, chatId: CHAT, points, at: 2_000 }, boards);
}

/** A distinct outbox payload per index. */
export function payload(index: number): OutboxPayload {
  return {
    type: "round-question",
    lang: "en",
    sessionId: 1,
    index,
    total: 5,
    questionId: `refcount/q${index}`,
    openedAt: 1_000,
    closesAt: 31_000,
  };
}

/** Rows by question id, for methods whose order the contract leaves open. */
export function sortSeen<T extends { questionId: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.questionId.localeCompare(b.questionId));
}
