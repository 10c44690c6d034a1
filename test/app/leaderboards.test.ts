import { DEFAULT_SETTINGS } from "../../src/core/ports.ts";
import { describe, expect, it } from "vitest";
import { boardKey, boardsForAward } from "../../src/app/use-cases/board-keys.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { RoundQuestionPayload } from "../../src/core/game/outbox-payload.ts";
import { toPlainText } from "../../src/core/render/doc.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";

const cmd = (text: string) => parseCommand(text)!;

/** Plays a one-question round in which both players answer right after `delayMs`. */
async function playRound(h: ReturnType<typeof createHarness>, chatId: string, players: string[], delays: number[]) {
  await h.app.command(ctxFor(players[0]!, chatId), cmd("/quiz 1"));
  await h.runtime.settle();
  const payload = h.sent.filter((s) => s.chatId === chatId && s.payload.type === "round-question").at(-1)!.payload as RoundQuestionPayload;
  const q = h.bank.byId(payload.questionId)!;
  players.forEach((p, i) => h.app.rounds.answer(ctxFor(p, chatId), { option: q.answer, at: payload.openedAt + (delays[i] ?? 0) }));
  h.time.set(payload.closesAt);
  await h.runtime.idle();
}

describe("leaderboards", () => {
  it("lets ties share a rank and shows the caller's own rank", async () => {
    const h = createHarness({ seed: 1 });
    await playRound(h, "t:g", ["t:a", "t:b", "t:c"], [1000, 1000, 9000]);
    const [reply] = await h.app.command(ctxFor("t:c", "t:g"), cmd("/top week"));
    const top = reply?.type === "doc" ? toPlainText(reply.doc) : "";
    const lines = top.split("\n").map((l) => l.trim()).filter((l) => /^\d/.test(l));
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(["1", "1", "3"]);
    expect(top).toContain("c ◀");
    expect(top).toContain("You: #3 of 3");
  });

  it("splits weeks at the chat's local Monday midnight, so two zones disagree on Sunday night", async () => {
    // Sunday 2026-11-29 23:30 UTC is Monday 00:30 in Berlin but Sunday 15:30 in Los Angeles.
    const h = createHarness({ start: Date.UTC(2026, 10, 29, 23, 29, 0) });
    const berlin = ctxFor("t:admin", "t:berlin", "group", { admin: true });
    const la = ctxFor("t:admin", "t:la", "group", { admin: true });
    await h.app.command(berlin, cmd("/settings tz Europe/Berlin"));
    await h.app.command(la, cmd("/settings tz America/Los_Angeles"));
    await playRound(h, "t:berlin", ["t:x", "t:y"], [30_000, 30_000]);
    await playRound(h, "t:la", ["t:x", "t:y"], [1_000, 1_000]);
    const week = (chat: string) => boardKey(h.store.getChat(chat)!, "week", h.time.clock.now()).key;
    expect(week("t:berlin")).toBe("2026-W49");
    expect(week("t:la")).toBe("2026-W48");
    // Berlin's answers at 23:30 UTC Sunday count for its new week; LA's for its old one.
    expect(h.store.top({ scope: "t:berlin", period: "week", key: "2026-W49" }, 10)).toHaveLength(2);
    expect(h.store.top({ scope: "t:la", period: "week", key: "2026-W48" }, 10)).toHaveLength(2);
    expect(h.store.top({ scope: "t:berlin", period: "week", key: "2026-W48" }, 10)).toEqual([]);
    // The global boards use UTC: all four answers fall in W48 there.
    const global = h.store.top({ scope: "global", period: "week", key: "2026-W48" }, 10);
    expect(global.map((r) => r.userId).sort()).toEqual(["t:x", "t:y"]);
  });

  it("names every board an award counts on", () => {
    const chat = { id: "t:c", kind: "group" as const, lang: null, timezone: "Asia/Tokyo", settings: DEFAULT_SETTINGS };
    const keys = boardsForAward(chat, Date.UTC(2026, 10, 30, 16, 0)).map((b) => `${b.scope}/${b.period}/${b.key}`);
    expect(keys).toEqual(["t:c/week/2026-W49", "global/week/2026-W49", "t:c/month/2026-12", "global/month/2026-11", "t:c/all/all", "global/all/all"]);
  });
});
