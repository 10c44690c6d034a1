import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/app/replies.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import { toPlainText } from "../../src/core/render/doc.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";

const cmd = (text: string) => parseCommand(text)!;
const text = (replies: Reply[]) => replies.map((r) => (r.type === "doc" ? toPlainText(r.doc) : r.type)).join("\n");

describe("adaptive practice and spaced review", () => {
  it("turns a missed question into a review card that /review serves when it is due", async () => {
    const h = createHarness();
    const ann = ctxFor("t:ann", "t:ann", "private");
    expect(text(await h.app.command(ann, cmd("/review")))).toContain("Nothing to review yet");
    const [q] = await h.app.command(ann, cmd("/practice alpha"));
    if (q?.type !== "practice-question") throw new Error("expected a question");
    const wrong = (q.question.answer + 1) % q.question.options.length;
    h.app.practice.answer(ann, { sessionId: q.sessionId, number: 1, option: wrong });
    const abilityAfterMiss = h.store.abilities("t:ann").get("");
    expect(abilityAfterMiss).toMatchObject({ n: 1 });
    expect(text(await h.app.command(ann, cmd("/review")))).toMatch(/No reviews are due\. The next one is due in \d+ min\./);
    expect(text(await h.app.command(ann, cmd("/me")))).toMatch(/No reviews due; the next one is due in \d+ min\./);

    h.time.advance(60 * 60_000);
    expect(text(await h.app.command(ann, cmd("/me")))).toContain("1 review is due: /review");
    const [review] = await h.app.command(ann, cmd("/review"));
    if (review?.type !== "practice-question") throw new Error("expected the review question");
    expect(review.header).toBe("Review · question 1");
    expect(review.question.id).toBe(q.question.id);
    const dueBefore = h.store.reviewCards("t:ann")[0]!.dueAt;
    h.app.practice.answer(ann, { sessionId: review.sessionId, number: 1, option: review.question.answer });
    // A review answer moves the card out and leaves θ alone.
    expect(h.store.reviewCards("t:ann")[0]!.dueAt).toBeGreaterThan(dueBefore);
    expect(h.store.abilities("t:ann").get("")).toEqual(abilityAfterMiss);
    expect(text(h.app.practice.next(ann, review.sessionId))).toContain("No reviews are due");
  });

  it("learns difficulty from first attempts only and shows mastery and the weakest topic in /me", async () => {
    const h = createHarness();
    const ann = ctxFor("t:ann", "t:ann", "private");
    const [q] = await h.app.command(ann, cmd("/practice beta"));
    if (q?.type !== "practice-question") throw new Error("expected a question");
    h.app.practice.answer(ann, { sessionId: q.sessionId, number: 1, option: q.question.answer });
    const first = h.store.difficulties().get(q.question.id) as { b: number; n: number };
    expect(first.n).toBe(1);
    const me = text(await h.app.command(ann, cmd("/me")));
    expect(me).toMatch(/topic\s+answers\s+right\s+mastery/);
    expect(me).toMatch(/Beta\s+1\s+100%\s+\d+%/);
    expect(me).toMatch(/Weakest topic: (Alpha|Beta)\./);
    expect(me).toContain("No reviews yet.");
  });

  it("aims a round at the chat's players and updates their abilities when the round ends", async () => {
    const h = createHarness();
    const [a, b] = [ctxFor("t:a", "t:g"), ctxFor("t:b", "t:g")];
    await h.app.command(a, cmd("/quiz 2"));
    await h.runtime.settle();
    const first = h.sent[0]!.payload as { questionId: string };
    const q = h.bank.byId(first.questionId)!;
    h.app.rounds.answer(a, { option: q.answer });
    h.app.rounds.answer(b, { option: (q.answer + 1) % q.options.length });
    h.time.advance(30_000);
    await h.runtime.idle();
    // The first question is scored, and the answers wait in the log for the round's end.
    expect(h.sent.map((s) => s.payload.type)).toContain("round-results");
    expect(h.store.abilities("t:a").size).toBe(0);
    expect(h.store.reviewCards("t:b")).toEqual([]);
    h.time.advance(30_000);
    await h.runtime.idle();
    expect(h.sent.map((s) => s.payload.type)).toContain("round-finished");
    const ability = (id: string) => (h.store.abilities(id).get("") as { mean: number }).mean;
    expect(ability("t:a")).toBeGreaterThan(0);
    expect(ability("t:b")).toBeLessThan(0);
    expect(h.store.reviewCards("t:b").map((c) => c.questionId)).toEqual([q.id]);
    expect(h.store.recentPlayers("t:g", 10).sort()).toEqual(["t:a", "t:b"]);
  });
});
