import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RequestContext } from "../../src/app/context.ts";
import { FORGET_TTL_MS } from "../../src/app/use-cases/forget.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { FORGOTTEN_USER } from "../../src/core/ports.ts";
import { closeDatabase } from "../../src/storage/index.ts";
import { runUntil, say } from "../helpers/daily-driver.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";

type Harness = ReturnType<typeof createHarness>;

const G1 = "t:g1";
const G2 = "t:g2";
const in1 = (id: string, admin = false) => ctxFor(id, G1, "group", { admin });
const in2 = (id: string) => ctxFor(id, G2);
const privateOf = (id: string) => ctxFor(id, id, "private");

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "memquiz-forget-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Plays one round question in `chat`: every player answers, right or wrong, then it closes. */
async function playRound(h: Harness, chat: string, players: readonly [RequestContext, boolean][]): Promise<void> {
  const session = h.app.rounds.current(chat)!;
  const q = h.bank.byId(session.state.questionIds[session.state.index]!)!;
  for (const [who, right] of players) {
    h.time.advance(1_000);
    expect((await h.app.rounds.answer(who, { option: right ? q.answer : (q.answer + 1) % q.options.length })).kind).toBe("accepted");
  }
  await runUntil(h, session.state.closesAt);
}

/** Every row of a table, as JSON lines sorted, for before/after comparisons. */
function rows(h: Harness, sql: string): string[] {
  return (h.db.prepare(sql).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
}

/**
 * Ann plays everywhere: rounds in two groups (with Bob and Carol), the
 * daily question, practice with a wrong answer (a review card), a report,
 * and she is named in queued results and an archived season.
 */
async function playedByEveryone(h: Harness): Promise<void> {
  const ann = "t:ann";
  await say(h, in1("t:admin", true), "/daily on");
  await say(h, in1(ann), "/quiz 2");
  await playRound(h, G1, [[in1(ann), true], [in1("t:bob"), true], [in1("t:carol"), false]]);
  await playRound(h, G1, [[in1("t:bob"), true], [in1(ann), true], [in1("t:carol"), true]]);
  await say(h, in2("t:bob"), "/quiz 1");
  await playRound(h, G2, [[in2(ann), true], [in2("t:bob"), false]]);
  // The daily question in G1, answered by Ann and Bob, revealed.
  await say(h, in1("t:admin", true), "/daily now");
  const daily = h.app.rounds.current(G1, "daily")!;
  const dq = h.bank.byId(daily.state.questionIds[0]!)!;
  expect((await h.app.rounds.answer(in1(ann), { option: dq.answer, kind: "daily" })).kind).toBe("accepted");
  expect((await h.app.rounds.answer(in1("t:bob"), { option: dq.answer, kind: "daily" })).kind).toBe("accepted");
  await runUntil(h, daily.state.closesAt);
  // Practice: a wrong answer makes a review card; the practice stays open.
  const practice = (await h.app.command(privateOf(ann), { name: "practice", args: [], rest: "" }))[0];
  if (practice?.type !== "practice-question") throw new Error("no practice question");
  h.app.practice.answer(privateOf(ann), { sessionId: practice.sessionId, number: practice.number, option: (practice.question.answer + 1) % practice.question.options.length });
  await say(h, in1(ann), "/report the answer looks wrong");
  // A round Ann started is still open in G1, with Bob's answer on its open question.
  await say(h, in1(ann), "/quiz 1");
  const open = h.app.rounds.current(G1)!;
  expect((await h.app.rounds.answer(in1("t:bob"), { option: 0 })).kind).toBe("accepted");
  expect((await h.app.rounds.answer(in1(ann), { option: 0 })).kind).toBe("accepted");
  expect(open.startedBy).toBe(ann);
  h.store.archiveSeason({ scope: G1, period: "week", key: "2026-W47" }, [
    { userId: ann, name: "ann", points: 50 },
    { userId: "t:bob", name: "bob", points: 30 },
  ], h.time.clock.now());
}

async function check(path: string): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(["check"], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false, env: { MEMQUIZ_DB: path } });
  return { code, out: out.join("") };
}

describe("/forget", () => {
  it("asks first, then deletes everything about the caller in one go; other players keep their points and move up", async () => {
    const path = join(dir, "memquiz.db");
    const h = createHarness({ dbPath: path });
    await playedByEveryone(h);
    const ann = "t:ann";
    const count = (sql: string) => (h.db.prepare(sql).pluck().get(ann) as number) ?? 0;
    expect(count("SELECT COUNT(*) FROM answers WHERE user_id = ?")).toBe(6);
    expect(count("SELECT COUNT(*) FROM awards WHERE user_id = ?")).toBeGreaterThan(0);
    expect(count("SELECT COUNT(*) FROM review_cards WHERE user_id = ?")).toBeGreaterThan(0);
    const others = (table: string, extra = "") => rows(h, `SELECT * FROM ${table} WHERE user_id <> 't:ann' ${extra}`);
    const before = {
      scores: others("scores"),
      awards: others("awards"),
      answers: others("answers"),
      abilities: others("abilities"),
      cards: others("review_cards"),
      users: rows(h, "SELECT * FROM users WHERE id <> 't:ann'"),
    };
    const stats = new Map((h.db.prepare("SELECT question_id AS id, attempts, correct FROM question_stats").all() as { id: string; attempts: number; correct: number }[]).map((r) => [r.id, r]));
    const counted = h.db
      .prepare(
        `SELECT a.question_id AS id, COUNT(*) AS n, SUM(a.correct) AS c FROM answers a JOIN sessions s ON s.id = a.session_id
         WHERE a.user_id = ? AND NOT (s.kind = 'round' AND s.status = 'open') GROUP BY a.question_id`,
      )
      .all(ann) as { id: string; n: number; c: number }[];
    const bobWeek = () => h.store.rank({ scope: G1, period: "all", key: "all" }, "t:bob");
    const bobRankBefore = bobWeek()!;

    // The request changes nothing yet.
    const prompt = (await h.app.command(in1(ann), { name: "forget", args: [], rest: "" }))[0];
    if (prompt?.type !== "doc" || !prompt.confirm) throw new Error("no confirmation prompt");
    expect(prompt.private).toBe(true);
    expect(prompt.confirm.confirm).toBe("Delete my data");
    // Bob can't confirm Ann's request, not even in the same chat.
    expect(h.app.forget.confirm(in1("t:bob"), prompt.confirm.token).kind).toBe("not-yours");
    expect(count("SELECT COUNT(*) FROM answers WHERE user_id = ?")).toBe(6);

    const done = h.app.forget.confirm(in1(ann), prompt.confirm.token);
    expect(done.kind).toBe("deleted");
    if (done.kind !== "deleted") return;
    expect(done.report).toMatchObject({ answers: 6, practiceSessions: 1, reports: 1 });
    expect([...done.report.chats].sort()).toEqual([G1, G2, ann].sort());

    for (const table of ["answers", "awards", "scores", "abilities", "review_cards", "reports"]) {
      expect(count(`SELECT COUNT(*) FROM ${table} WHERE user_id = ?`), table).toBe(0);
    }
    expect(h.store.getUser(ann)).toBeUndefined();
    expect(count("SELECT COUNT(*) FROM sessions WHERE started_by = ?")).toBe(0);
    expect(h.app.rounds.current(G1)?.startedBy).toBe(FORGOTTEN_USER);
    expect(count("SELECT COUNT(*) FROM outbox WHERE instr(payload, ?) > 0")).toBe(0);
    expect(h.store.seasonArchive({ scope: G1, period: "week", key: "2026-W47" })).toEqual([{ userId: "t:bob", name: "bob", points: 30 }]);

    // Everybody else's rows are exactly as they were; only ranks move.
    expect(others("scores")).toEqual(before.scores);
    expect(others("awards")).toEqual(before.awards);
    expect(others("answers")).toEqual(before.answers);
    expect(others("abilities")).toEqual(before.abilities);
    expect(others("review_cards")).toEqual(before.cards);
    expect(rows(h, "SELECT * FROM users")).toEqual(before.users);
    const bobRankAfter = bobWeek()!;
    expect(bobRankAfter.points).toBe(bobRankBefore.points);
    expect(bobRankAfter.players).toBe(bobRankBefore.players - 1);
    expect(bobRankAfter.rank).toBeLessThanOrEqual(bobRankBefore.rank);

    // Question statistics lose exactly the answers of Ann's that they had counted.
    for (const { id, n, c } of counted) {
      const row = h.db.prepare("SELECT attempts, correct FROM question_stats WHERE question_id = ?").get(id) as { attempts: number; correct: number };
      expect(row).toEqual({ attempts: stats.get(id)!.attempts - n, correct: stats.get(id)!.correct - c });
    }

    // The open round goes on without her and closes normally.
    await runUntil(h, h.app.rounds.current(G1)!.state.closesAt);
    expect(h.app.rounds.current(G1)).toBeUndefined();

    closeDatabase(h.db);
    const checked = await check(path);
    expect(checked.out).toContain("integrity_check: ok");
    expect(checked.out).toContain("leaderboard rows that differ from the awards: 0");
    expect(checked.code).toBe(0);
  });

  it("is cancelled by its caller only, and expires after five minutes", async () => {
    const h = createHarness();
    await playedByEveryone(h);
    const ann = in1("t:ann");
    const answers = () => h.db.prepare("SELECT COUNT(*) FROM answers WHERE user_id = 't:ann'").pluck().get();
    const ask = async (ctx: RequestContext) => {
      const reply = (await h.app.command(ctx, { name: "forget", args: [], rest: "" }))[0];
      if (reply?.type !== "doc" || !reply.confirm) throw new Error("no prompt");
      return reply.confirm.token;
    };

    const first = await ask(ann);
    expect(h.app.forget.cancel(in1("t:bob"), first).kind).toBe("not-yours");
    expect(h.app.forget.cancel(ann, first).kind).toBe("cancelled");
    expect(h.app.forget.confirm(ann, first).kind).toBe("expired");

    const second = await ask(ann);
    h.time.advance(FORGET_TTL_MS);
    expect(h.app.forget.confirm(ann, second).kind).toBe("expired");
    // A request made in one chat isn't confirmed from another.
    const third = await ask(ann);
    expect(h.app.forget.confirm(in2("t:ann"), third).kind).toBe("expired");
    expect(answers()).toBe(6);

    // Typed: "/forget confirm" without a request, then after one.
    expect(await say(h, privateOf("t:ann"), "/forget confirm")).toBe("There is nothing to confirm. Send /forget first.");
    expect(await say(h, privateOf("t:ann"), "/forget")).toContain("Delete your data?");
    expect(await say(h, privateOf("t:ann"), "/forget cancel")).toBe("Cancelled. Nothing was deleted.");
    await say(h, privateOf("t:ann"), "/forget");
    expect(await say(h, privateOf("t:ann"), "/forget confirm")).toMatch(/^Done: your data is deleted \(6 answers/);
    expect(answers()).toBe(0);
    // Nothing left: a second confirmation finds nothing, and playing again starts afresh.
    expect(await say(h, privateOf("t:ann"), "/forget confirm")).toBe("There is nothing to confirm. Send /forget first.");
    expect(await say(h, privateOf("t:ann"), "/me")).toContain("No answers yet.");
    closeDatabase(h.db);
  });

  it("speaks Russian", async () => {
    const h = createHarness();
    const ivan = ctxFor("t:ivan", "t:ivan", "private", { lang: "ru" });
    expect(await say(h, ivan, "/forget")).toContain("Удалить ваши данные?");
    expect(await say(h, ivan, "/forget confirm")).toMatch(/^Готово: ваши данные удалены \(0 ответов/);
    closeDatabase(h.db);
  });
});
