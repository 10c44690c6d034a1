import { describe, expect, it, vi } from "vitest";
import { createAnswerBatcher } from "../../src/app/answer-batcher.ts";
import type { RoundAnswerOutcome } from "../../src/app/use-cases/rounds.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { RoundQuestionPayload } from "../../src/core/game/outbox-payload.ts";
import type { Store } from "../../src/core/ports.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";

const GROUP = "t:g1";

/** A store whose outermost transactions are counted, and which can be told to fail the next commit. */
function countingStore(store: Store) {
  let depth = 0;
  const counts = { commits: 0, failNext: false };
  const wrapped: Pick<Store, "transaction"> = {
    transaction<T>(fn: () => T): T {
      depth++;
      try {
        return store.transaction(() => {
          const result = fn();
          if (depth === 1 && counts.failNext) {
            counts.failNext = false;
            throw new Error("disk full");
          }
          return result;
        });
      } finally {
        if (--depth === 0) counts.commits++;
      }
    },
  };
  return { wrapped, counts };
}

/** A deferral the test runs by hand, so a "turn of the event loop" is explicit. */
function manualDefer() {
  const queued: (() => void)[] = [];
  return {
    defer: (run: () => void) => void queued.push(run),
    runAll() {
      while (queued.length > 0) queued.shift()!();
    },
    get queued() {
      return queued.length;
    },
  };
}

async function openRound() {
  const h = createHarness();
  await h.app.command(ctxFor("t:starter", GROUP), parseCommand("/quiz 1")!);
  await h.runtime.settle();
  const question = h.sent[0]!.payload as RoundQuestionPayload;
  const q = h.bank.byId(question.questionId)!;
  return { h, question, q };
}

describe("group commit of round answers", () => {
  it("commits the answers of one turn together and resolves each only after the commit", async () => {
    const { h, question, q } = await openRound();
    const { wrapped, counts } = countingStore(h.store);
    const turn = manualDefer();
    const batcher = createAnswerBatcher(wrapped, (ctx, input) => h.app.rounds.answerInTransaction(ctx, input), turn.defer);
    const settled: RoundAnswerOutcome[] = [];
    const players = ["a", "b", "c", "d", "e"].map((id) => ctxFor(`t:${id}`, GROUP));
    const pending = players.map((ctx, i) =>
      batcher.submit(ctx, { sessionId: question.sessionId, index: 0, option: i % q.options.length, dedupKey: `u:${i}` }).then((o) => void settled.push(o)),
    );
    // Nothing is stored or acknowledged before the batch runs.
    expect(batcher.pending).toBe(5);
    expect(h.store.sessionAnswers(question.sessionId, 0)).toHaveLength(0);
    await Promise.resolve();
    expect(settled).toHaveLength(0);
    turn.runAll();
    await Promise.all(pending);
    expect(counts.commits).toBe(1);
    expect(settled.map((o) => o.kind)).toEqual(["accepted", "accepted", "accepted", "accepted", "accepted"]);
    expect(h.store.sessionAnswers(question.sessionId, 0)).toHaveLength(5);
  });

  it("keeps first-answer-wins and duplicate updates inside one batch", async () => {
    const { h, question, q } = await openRound();
    const turn = manualDefer();
    const batcher = createAnswerBatcher(h.store, (ctx, input) => h.app.rounds.answerInTransaction(ctx, input), turn.defer);
    const bob = ctxFor("t:bob", GROUP);
    const input = { sessionId: question.sessionId, index: 0, option: q.answer };
    const results = [
      batcher.submit(bob, { ...input, dedupKey: "u:1" }),
      batcher.submit(bob, { ...input, dedupKey: "u:1" }),
      batcher.submit(bob, { ...input, option: (q.answer + 1) % q.options.length, dedupKey: "u:2" }),
      batcher.submit(ctxFor("t:robot", GROUP, "group", { bot: true }), { ...input, dedupKey: "u:3" }),
      batcher.submit(ctxFor("t:carol", GROUP), { ...input, option: 99, dedupKey: "u:4" }),
    ];
    turn.runAll();
    expect((await Promise.all(results)).map((o) => o.kind)).toEqual(["accepted", "duplicate", "already-answered", "bot", "bad-option"]);
    expect(h.store.sessionAnswers(question.sessionId, 0).map((a) => [a.userId, a.option])).toEqual([["t:bob", q.answer]]);
  });

  it("retries each answer alone when the batch's commit fails, so none is lost", async () => {
    const { h, question } = await openRound();
    const { wrapped, counts } = countingStore(h.store);
    const turn = manualDefer();
    const batcher = createAnswerBatcher(wrapped, (ctx, input) => h.app.rounds.answerInTransaction(ctx, input), turn.defer);
    counts.failNext = true;
    const results = ["a", "b", "c"].map((id, i) => batcher.submit(ctxFor(`t:${id}`, GROUP), { sessionId: question.sessionId, index: 0, option: 0, dedupKey: `u:${i}` }));
    turn.runAll();
    expect((await Promise.all(results)).map((o) => o.kind)).toEqual(["accepted", "accepted", "accepted"]);
    // The failed batch plus one commit per answer.
    expect(counts.commits).toBe(4);
    expect(h.store.sessionAnswers(question.sessionId, 0)).toHaveLength(3);
  });

  it("rejects only the answer whose own transaction fails", async () => {
    const { h, question } = await openRound();
    const turn = manualDefer();
    const batcher = createAnswerBatcher(
      h.store,
      (ctx, input) => {
        if (ctx.user.id === "t:broken") throw new Error("broken answer");
        return h.app.rounds.answerInTransaction(ctx, input);
      },
      turn.defer,
    );
    const ok = batcher.submit(ctxFor("t:a", GROUP), { sessionId: question.sessionId, index: 0, option: 0 });
    const broken = batcher.submit(ctxFor("t:broken", GROUP), { sessionId: question.sessionId, index: 0, option: 0 });
    turn.runAll();
    expect((await ok).kind).toBe("accepted");
    await expect(broken).rejects.toThrow("broken answer");
  });

  it("splits a burst bigger than one batch over several commits, in arrival order", async () => {
    const { h, question } = await openRound();
    const { wrapped, counts } = countingStore(h.store);
    const turn = manualDefer();
    const batcher = createAnswerBatcher(wrapped, (ctx, input) => h.app.rounds.answerInTransaction(ctx, input), turn.defer, 4);
    const results = Array.from({ length: 10 }, (_, i) => batcher.submit(ctxFor(`t:p${i}`, GROUP), { sessionId: question.sessionId, index: 0, option: 0 }));
    turn.runAll();
    expect((await Promise.all(results)).every((o) => o.kind === "accepted")).toBe(true);
    expect(counts.commits).toBe(3);
    expect(h.store.sessionAnswers(question.sessionId, 0).map((a) => a.userId)).toEqual(Array.from({ length: 10 }, (_, i) => `t:p${i}`));
  });
});

describe("the app's group commit", () => {
  it("takes a turn's answers in one transaction, with no savepoint per answer", async () => {
    const { h, question } = await openRound();
    const transaction = vi.spyOn(h.store, "transaction");
    const results = ["a", "b", "c", "d"].map((id, i) =>
      h.app.answers.submit(ctxFor(`t:${id}`, GROUP), { sessionId: question.sessionId, index: 0, option: 0, dedupKey: `tg:update:${i}` }),
    );
    expect((await Promise.all(results)).map((o) => o.kind)).toEqual(["accepted", "accepted", "accepted", "accepted"]);
    // A nested call would be a savepoint: one call means the answers ran inside the batch's own transaction.
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(h.store.sessionAnswers(question.sessionId, 0)).toHaveLength(4);
  });
});

describe("group commit and update claims", () => {
  it("commits a batch outside the claim of the handler that happened to schedule it", async () => {
    const { h, question, q } = await openRound();
    // The handler's own update was handled before (a redelivery): only that handler's work may be refused.
    h.store.claimUpdate("tg:update:77", 0);
    const outcome = await h.app.withUpdateClaim("tg:update:77", () =>
      h.app.answers.submit(ctxFor("t:bob", GROUP), { sessionId: question.sessionId, index: 0, option: q.answer, dedupKey: "tg:update:78" }),
    );
    expect(outcome.kind).toBe("accepted");
    expect(h.store.sessionAnswers(question.sessionId, 0).map((a) => a.userId)).toEqual(["t:bob"]);
  });
});
