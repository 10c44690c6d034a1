import { describe, expect, it } from "vitest";
import type { RequestContext } from "../../src/app/context.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import { toPlainText } from "../../src/core/render/doc.ts";
import { closeDatabase } from "../../src/storage/index.ts";
import { say } from "../helpers/daily-driver.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";
import { diffSnapshots, snapshot } from "./db-snapshot.ts";
import { createFuzz } from "./fuzz-gen.ts";

/**
 * 10,000 generated bad inputs through the app's entry points, the calls the
 * adapters make for every update: commands with odd arguments, typed answers,
 * round and practice answers and "Next" presses with ids and options out of
 * range or of other people's sessions, bot accounts, and /forget buttons with
 * garbage or someone else's token. Meanwhile a round is open in the group,
 * a victim has a practice question open and a /forget request pending.
 *
 * Allowed to change, and nothing else (checked row by row):
 * - `users`, `chats`: new rows for the fuzzing users and chats they wrote in;
 *   rows that existed are unchanged;
 * - `processed_updates`: new idempotency keys (claimed before validation);
 * - `reports`: new rows from `/report <odd text>` in the group, which is a
 *   legitimate report on the open round question (text capped at 1000).
 */
const RUNS = 10_000;
const GROUP = "t:g";

describe("fuzzing the app's entry points", () => {
  it(`survives ${RUNS} bad inputs with no change beyond the legitimate ones`, async () => {
    const h = createHarness({ roundSeconds: 3600, seed: 7 });
    const fuzz = createFuzz(20261125);
    // The world under attack.
    await say(h, ctxFor("t:starter", GROUP), "/quiz 3");
    const round = h.app.rounds.current(GROUP)!;
    const q = h.bank.byId(round.state.questionIds[0]!)!;
    expect((await h.app.rounds.answer(ctxFor("t:p1", GROUP), { option: q.answer })).kind).toBe("accepted");
    const victim = ctxFor("t:victim", "t:victim", "private");
    const practice = (await h.app.command(victim, parseCommand("/practice")!))[0];
    if (practice?.type !== "practice-question") throw new Error("no practice question");
    const forgetPrompt = h.app.forget.request(victim)[0];
    const victimToken = forgetPrompt?.type === "doc" ? forgetPrompt.confirm?.token ?? "" : "";
    const sessionIds = [round.id, practice.sessionId];
    const before = snapshot(h.db);

    const counts = new Map<string, number>();
    const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
    const thrown: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      h.time.advance(10);
      const user = `t:f${fuzz.int(300)}`;
      const chat = fuzz.pick([GROUP, GROUP, user, "t:g-other"]);
      const ctx: RequestContext = ctxFor(user, chat, chat === user ? "private" : "group", { bot: fuzz.int(10) === 0, lang: fuzz.pick(["en", "ru", "", "xx"]) });
      const kind = fuzz.pick(["command", "command", "command", "command", "typed", "round", "round", "practice", "next", "forget"] as const);
      try {
        switch (kind) {
          case "command": {
            const parsed = parseCommand(fuzz.command());
            if (parsed) for (const reply of await h.app.command(ctx, parsed)) count(`command:${reply.type}`);
            else count("command:not-a-command");
            break;
          }
          case "typed": {
            const result = await h.app.typedAnswer(ctx, fuzz.pick([0, 9, 10, 99, 999]));
            count(`typed:${Array.isArray(result) ? "notice" : result.kind}`);
            break;
          }
          case "round": {
            const input = { sessionId: fuzz.pick([...sessionIds, 999_999, -1, 2 ** 31, 1.5]), index: fuzz.pick([0, 1, 99, -1, Number.NaN]), option: fuzz.badOption() };
            const outcome = await h.app.rounds.answer(ctx, fuzz.int(2) === 0 ? input : { ...input, sessionId: undefined as unknown as number, dedupKey: fuzz.odd().slice(0, 50) });
            count(`round:${outcome.kind}`);
            break;
          }
          case "practice":
            count(`practice:${h.app.practice.answer(ctx, { sessionId: fuzz.pick([...sessionIds, 0, 2 ** 31]), number: fuzz.pick([0, 1, 2, -1, 2 ** 40]), option: fuzz.pick([0, 1, ...[fuzz.badOption()]]) })[0]?.type}`);
            break;
          case "next":
            count(`next:${h.app.practice.next(ctx, fuzz.pick([...sessionIds, 0, -5, 2 ** 53]))[0]?.type}`);
            break;
          case "forget": {
            const token = fuzz.pick([victimToken, victimToken, fuzz.odd().slice(0, 16), ""]);
            const outcome = fuzz.int(2) === 0 ? h.app.forget.confirm(ctx, token) : h.app.forget.cancel(ctx, token);
            count(`forget:${outcome.kind}`);
            break;
          }
        }
      } catch (error) {
        thrown.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(thrown).toEqual([]);

    const changes = diffSnapshots(before, snapshot(h.db));
    for (const table of ["users", "chats", "processed_updates"]) expect(changes.get(table)?.gone ?? [], `${table} rows changed`).toEqual([]);
    for (const row of changes.get("reports")?.added ?? []) {
      expect(JSON.parse(row)).toMatchObject({ chat_id: GROUP, question_id: q.id });
      expect((JSON.parse(row) as { text: string }).text.length).toBeLessThanOrEqual(1000);
    }
    expect(changes.get("reports")?.gone ?? []).toEqual([]);
    const unexpected = [...changes.keys()].filter((t) => !["users", "chats", "processed_updates", "reports"].includes(t));
    expect(unexpected, JSON.stringify(Object.fromEntries([...changes].filter(([t]) => unexpected.includes(t))), null, 1).slice(0, 3000)).toEqual([]);
    // Every kind of input was tried, and each was refused somehow.
    expect(counts.get("round:accepted")).toBeUndefined();
    expect(counts.get("forget:deleted")).toBeUndefined();
    expect(counts.get("forget:not-yours")).toBeGreaterThan(20);
    expect(counts.get("round:bad-option")).toBeGreaterThan(20);
    expect(counts.get("round:bot")).toBeGreaterThan(20);

    // Still serving: a normal command, the open round and the victim's practice all work.
    expect(toPlainText((await h.app.command(ctxFor("t:new", "t:new", "private"), parseCommand("/help")!)).flatMap((r) => (r.type === "doc" ? r.doc : [])))).toContain("Commands:");
    expect((await h.app.rounds.answer(ctxFor("t:p2", GROUP), { option: q.answer })).kind).toBe("accepted");
    expect(h.app.practice.answer(victim, { sessionId: practice.sessionId, number: practice.number, option: 0 })[0]?.type).toBe("practice-feedback");
    expect(h.app.forget.cancel(victim, victimToken).kind).toBe("cancelled");
    console.log(`fuzz-app: ${RUNS} inputs; outcomes ${JSON.stringify(Object.fromEntries([...counts].sort()))}`);
    closeDatabase(h.db);
  }, 60_000);
});
