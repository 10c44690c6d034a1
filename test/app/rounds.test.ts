import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { RoundFinishedPayload, RoundQuestionPayload, RoundResultsPayload } from "../../src/core/game/outbox-payload.ts";
import { roundPoints } from "../../src/core/game/scoring.ts";
import { toPlainText } from "../../src/core/render/doc.ts";
import { renderRoundResults } from "../../src/core/render/round.ts";
import { closeDatabase } from "../../src/storage/index.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";

const GROUP = "t:g1";
const cmd = (text: string) => parseCommand(text) ?? (() => { throw new Error(text); })();
const alice = ctxFor("t:alice", GROUP);
const bob = ctxFor("t:bob", GROUP);
const carol = ctxFor("t:carol", GROUP);
const dave = ctxFor("t:dave", GROUP);

function docText(replies: { type: string; doc?: unknown }[]): string {
  return replies.map((r) => (r.type === "doc" ? toPlainText(r.doc as never) : r.type)).join("\n");
}

describe("a round with three players", () => {
  it("takes first answers only, rejects late ones, and ranks a tie by arrival", async () => {
    const h = createHarness();
    expect(docText(await h.app.command(alice, cmd("/quiz 1")))).toContain("Round started: 1 question, 30 s each");
    await h.runtime.settle();
    const question = h.sent[0]?.payload as RoundQuestionPayload;
    expect(question.type).toBe("round-question");
    const q = h.bank.byId(question.questionId)!;
    const wrong = (q.answer + 1) % q.options.length;

    h.time.advance(5_000);
    expect(h.app.rounds.answer(bob, { option: q.answer }).kind).toBe("accepted");
    expect(h.app.rounds.answer(alice, { option: q.answer }).kind).toBe("accepted");
    expect(h.app.rounds.answer(carol, { option: wrong }).kind).toBe("accepted");
    // Guards against a second answer replacing the first.
    expect(h.app.rounds.answer(bob, { option: wrong }).kind).toBe("already-answered");
    expect(h.app.rounds.answer(dave, { option: 99 }).kind).toBe("bad-option");
    expect(h.app.rounds.answer(ctxFor("t:robot", GROUP, "group", { bot: true }), { option: q.answer }).kind).toBe("bot");
    // An answer stamped after the close is late even if the close hasn't run yet.
    expect(h.app.rounds.answer(dave, { option: q.answer, at: question.closesAt + 1 }).kind).toBe("closed");

    h.time.advance(25_000); // the fake timer fires the close at exactly 30 s
    await h.runtime.idle();
    const results = h.sent.find((s) => s.payload.type === "round-results")?.payload as RoundResultsPayload;
    const points = roundPoints(q.level, true, 5_000, 30_000);
    expect(results.answered).toBe(3);
    expect(results.pointsCounted).toBe(true);
    expect(results.correct).toEqual([
      { userId: "t:bob", name: "bob", responseMs: 5_000, points },
      { userId: "t:alice", name: "alice", responseMs: 5_000, points },
    ]);
    const finished = h.sent.find((s) => s.payload.type === "round-finished")?.payload as RoundFinishedPayload;
    expect(finished.standings.map((s) => [s.name, s.points, s.correct])).toEqual([
      ["alice", points, 1],
      ["bob", points, 1],
      ["carol", 0, 0],
    ]);
    expect(h.app.rounds.answer(dave, { option: q.answer }).kind).toBe("no-round");

    const top = docText(await h.app.command(carol, cmd("/top")));
    expect(top).toMatch(new RegExp(`1\\s+alice\\s+${points}`));
    expect(top).toMatch(new RegExp(`1\\s+bob\\s+${points}`));
    expect(top).toContain("You have no points in this period yet.");
    expect(docText(await h.app.command(bob, cmd("/top all global")))).toContain(`You: #1 of 2 with ${points} points.`);
  });

  it("gives no points when only one player answered, and says so", async () => {
    const h = createHarness();
    await h.app.command(alice, cmd("/quiz 1"));
    await h.runtime.settle();
    const q = h.bank.byId((h.sent[0]?.payload as RoundQuestionPayload).questionId)!;
    h.app.rounds.answer(alice, { option: q.answer });
    h.time.advance(30_000);
    await h.runtime.tick();
    const results = h.sent[1]?.payload as RoundResultsPayload;
    expect(results.pointsCounted).toBe(false);
    expect(results.correct[0]?.points).toBe(0);
    expect(toPlainText(renderRoundResults(results, q, "letters"))).toContain(
      "Points count only when at least 2 players answer.",
    );
    expect(h.store.top({ scope: GROUP, period: "all", key: "all" }, 10)).toEqual([]);
  });

  it("runs one round at a time, and only its starter or an admin may stop it", async () => {
    const h = createHarness();
    await h.app.command(alice, cmd("/quiz 3"));
    expect(docText(await h.app.command(bob, cmd("/quiz")))).toContain("A round is already running");
    expect(docText(await h.app.command(bob, cmd("/stop")))).toContain("Only the player who started the round or a chat admin");
    expect(await h.app.command(ctxFor("t:boss", GROUP, "group", { admin: true }), cmd("/stop"))).toEqual([]);
    await h.runtime.settle();
    const finished = h.sent.at(-1)?.payload as RoundFinishedPayload;
    expect(finished).toMatchObject({ type: "round-finished", stopped: true, asked: 1, total: 3 });
    expect(docText(await h.app.command(bob, cmd("/stop")))).toContain("No round is running.");
    expect(docText(await h.app.command(bob, cmd("/quiz 0")))).toContain("from 1 to 20");
    expect(docText(await h.app.command(bob, cmd("/quiz 21")))).toContain("from 1 to 20");
    expect(docText(await h.app.command(bob, cmd("/quiz nope")))).toContain('There is no topic "nope"');
  });

  it("asks every question of a round in turn, each with its own timer, and never repeats one", async () => {
    const h = createHarness();
    await h.app.command(alice, cmd("/quiz 3 alpha"));
    await h.runtime.settle();
    for (let i = 0; i < 3; i++) {
      h.time.advance(30_000); // the ticker's fake timer closes each question
      await h.runtime.idle();
    }
    const asked = h.sent.filter((s) => s.payload.type === "round-question").map((s) => (s.payload as RoundQuestionPayload).questionId);
    expect(asked).toHaveLength(3);
    expect(new Set(asked).size).toBe(3);
    expect(asked.every((id) => id.startsWith("alpha/"))).toBe(true);
    expect(h.sent.at(-1)?.payload.type).toBe("round-finished");
    expect(h.store.nextDeadline()).toBeNull();
  });
});

describe("a restart while a question is open", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("closes and scores the overdue question at start-up, keeping every answer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memquiz-restart-"));
    dirs.push(dir);
    const dbPath = join(dir, "memquiz.db");
    const first = createHarness({ dbPath });
    await first.app.command(alice, cmd("/quiz 2"));
    await first.runtime.settle();
    const question = first.sent[0]?.payload as RoundQuestionPayload;
    const q = first.bank.byId(question.questionId)!;
    first.time.advance(3_000);
    first.app.rounds.answer(bob, { option: q.answer });
    first.app.rounds.answer(carol, { option: q.answer });
    // The process dies here: no close ran, nothing else was sent.
    await first.runtime.stop();
    closeDatabase(first.db);

    const second = createHarness({ dbPath, start: question.closesAt + 60_000 });
    await second.runtime.tick();
    const types = second.sent.map((s) => s.payload.type);
    expect(types).toEqual(["round-results", "round-question"]);
    const results = second.sent[0]?.payload as RoundResultsPayload;
    expect(results.answered).toBe(2);
    expect(results.correct.map((c) => c.name)).toEqual(["bob", "carol"]);
    // The next question gets its full time from the restart, not from the old deadline.
    const next = second.sent[1]?.payload as RoundQuestionPayload;
    expect(next.openedAt).toBe(question.closesAt + 60_000);
    expect(next.closesAt - next.openedAt).toBe(30_000);
    // The round's points go on the leaderboards when it ends, read from the log: nothing was lost with the process.
    expect(second.store.rank({ scope: GROUP, period: "all", key: "all" }, "t:bob")).toBeUndefined();
    second.time.advance(30_000);
    await second.runtime.tick();
    expect(second.sent.map((s) => s.payload.type)).toContain("round-finished");
    expect(second.store.rank({ scope: GROUP, period: "all", key: "all" }, "t:bob")?.rank).toBe(1);
    expect(second.store.abilities("t:carol").size).toBe(2);
    await second.runtime.stop();
    closeDatabase(second.db);
  });
});
