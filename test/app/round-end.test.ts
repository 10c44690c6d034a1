import { describe, expect, it } from "vitest";
import { createAdaptiveService } from "../../src/app/adaptive-service.ts";
import { diffBoards } from "../../src/app/recompute-boards.ts";
import { boardsForAward } from "../../src/app/use-cases/board-keys.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { RoundQuestionPayload } from "../../src/core/game/outbox-payload.ts";
import type { BoardKey } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { awardFacts, scoreFacts } from "../../src/storage/maintenance.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";

const cmd = (text: string) => parseCommand(text)!;
const GROUP = "t:g";
type Harness = ReturnType<typeof createHarness>;

/** Answers the open question (ann and bob right, cid wrong) and lets it close. */
async function playQuestion(h: Harness, delayMs = 1_000): Promise<void> {
  const session = h.app.rounds.current(GROUP)!;
  const q = h.bank.byId(session.state.questionIds[session.state.index]!)!;
  const at = session.state.openedAt + delayMs;
  h.app.rounds.answer(ctxFor("t:ann", GROUP), { option: q.answer, at });
  h.app.rounds.answer(ctxFor("t:bob", GROUP), { option: q.answer, at: at + 1_000 });
  h.app.rounds.answer(ctxFor("t:cid", GROUP), { option: (q.answer + 1) % q.options.length, at });
  h.time.set(session.state.closesAt);
  await h.runtime.idle();
}

const boardsMatchAwards = (h: Harness) => diffBoards(awardFacts(h.db), scoreFacts(h.db));
const points = (h: Harness, board: BoardKey, userId: string) => h.store.top(board, 10).find((r) => r.userId === userId)?.points;

describe("the end of a round", () => {
  it("puts the round's points on all six boards once, when its last question closes", async () => {
    const h = createHarness();
    await h.app.command(ctxFor("t:ann", GROUP), cmd("/quiz 3"));
    await h.runtime.settle();
    await playQuestion(h);
    await playQuestion(h);
    // Two questions scored: the standings so far are in the awards, the boards wait for the end.
    const session = h.app.rounds.current(GROUP)!;
    expect(h.store.sessionTotals(session.id).find((t) => t.userId === "t:ann")?.points).toBeGreaterThan(0);
    expect(h.db.prepare("SELECT COUNT(*) AS n FROM scores").get()).toEqual({ n: 0 });
    expect(boardsMatchAwards(h)).toEqual([]);
    await playQuestion(h);
    expect(h.sent.map((s) => s.payload.type)).toContain("round-finished");
    const totals = h.store.sessionTotals(session.id);
    const chat = h.store.getChat(GROUP)!;
    for (const board of boardsForAward(chat, h.time.clock.now())) {
      for (const user of ["t:ann", "t:bob"]) expect(points(h, board, user)).toBe(totals.find((t) => t.userId === user)?.points);
      expect(points(h, board, "t:cid")).toBeUndefined();
    }
    expect(boardsMatchAwards(h)).toEqual([]);
  });

  it("puts the points so far on the boards when the round is stopped", async () => {
    const h = createHarness();
    const ann = ctxFor("t:ann", GROUP);
    await h.app.command(ann, cmd("/quiz 3"));
    await h.runtime.settle();
    await playQuestion(h);
    const session = h.app.rounds.current(GROUP)!;
    await h.app.command(ann, cmd("/stop"));
    const all: BoardKey = { scope: GROUP, period: "all", key: "all" };
    expect(points(h, all, "t:ann")).toBe(h.store.sessionTotals(session.id).find((t) => t.userId === "t:ann")?.points);
    expect(h.store.rank({ scope: "global", period: "all", key: "all" }, "t:bob")?.rank).toBe(2);
    expect(boardsMatchAwards(h)).toEqual([]);
  });

  it("splits a round across the end of a week by when each answer was given", async () => {
    // The first question closes on Sunday 2026-11-29 23:59:50 UTC, the second on Monday.
    const h = createHarness({ start: Date.UTC(2026, 10, 29, 23, 59, 10) });
    await h.app.command(ctxFor("t:ann", GROUP), cmd("/quiz 2"));
    await h.runtime.settle();
    const first = h.sent.find((s) => s.payload.type === "round-question")!.payload as RoundQuestionPayload;
    expect(first.closesAt).toBeLessThan(Date.UTC(2026, 10, 30));
    await playQuestion(h);
    await playQuestion(h, 20_000);
    const week = (key: string) => h.store.top({ scope: "global", period: "week", key }, 10).find((r) => r.userId === "t:ann")?.points ?? 0;
    const all = h.store.top({ scope: "global", period: "all", key: "all" }, 10).find((r) => r.userId === "t:ann")?.points ?? 0;
    expect(week("2026-W48")).toBeGreaterThan(0);
    expect(week("2026-W49")).toBeGreaterThan(0);
    expect(week("2026-W48") + week("2026-W49")).toBe(all);
    expect(boardsMatchAwards(h)).toEqual([]);
  });
});

describe("learning from a whole round at once", () => {
  it("gives the same abilities, difficulties and review cards as learning one answer at a time", () => {
    const players = ["t:ann", "t:bob", "t:cid", "t:dee"];
    const make = () => {
      const h = createHarness({ start: Date.UTC(2026, 10, 25, 12) });
      for (const id of players) h.store.upsertUser(id, id.slice(2));
      const adaptive = createAdaptiveService({ store: h.store, bank: h.bank, clock: h.time.clock, rng: createSeededRng(1) });
      return { h, adaptive };
    };
    const batch = make();
    const single = make();
    // Five questions over several topics; each player is right on a pattern of their own.
    const questions = batch.h.bank.questions.filter((q, i, all) => all.findIndex((o) => o.topic === q.topic) === i || i % 7 === 0).slice(0, 5);
    expect(new Set(questions.map((q) => q.topic)).size).toBeGreaterThan(1);
    const asked = questions.map((question, qi) => ({
      question,
      answers: players.map((userId, pi) => ({ userId, correct: (qi + pi) % 3 !== 0 })),
    }));
    batch.adaptive.learnAnswers(asked);
    for (const { question, answers } of asked) for (const a of answers) single.adaptive.learn(a.userId, question, a.correct, false);
    for (const id of players) {
      expect(batch.h.store.abilities(id)).toEqual(single.h.store.abilities(id));
      expect(batch.h.store.reviewCards(id)).toEqual(single.h.store.reviewCards(id));
      expect(batch.h.store.abilities(id).size).toBe(1 + new Set(questions.map((q) => q.topic)).size);
    }
    expect(batch.h.store.difficulties()).toEqual(single.h.store.difficulties());
    expect(batch.h.store.difficulties().size).toBe(questions.length);
  });
});
