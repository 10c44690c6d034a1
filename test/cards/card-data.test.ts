import { describe, expect, it } from "vitest";
import { chatTitleKey } from "../../src/app/chat-titles.ts";
import type { DocReply, Reply } from "../../src/app/replies.ts";
import { boardsForAward } from "../../src/app/use-cases/board-keys.ts";
import { scheduleDaily } from "../../src/app/use-cases/daily-schedule.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { MeCardData, TopCardData } from "../../src/core/render/card-data.ts";
import { participationDays, seasonCardOf } from "../../src/core/render/cards.ts";
import { readSettings } from "../../src/storage/sqlite-directory.ts";
import { runUntil, sentOf } from "../helpers/daily-driver.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";

type Harness = ReturnType<typeof createHarness>;
const DAY = 86_400_000;
const cmd = (text: string) => parseCommand(text)!;

/** Appends one right answer (and, with points, an award on every board) at `at`, as the game would. */
function answer(h: Harness, userId: string, chatId: string, at: number, points = 0): void {
  h.store.upsertUser(userId, userId.replace(/^t:/, ""));
  const chat = h.store.ensureChat(chatId, "group");
  const session = h.store.createSession({ chatId, kind: "practice", startedBy: userId, createdAt: at, closesAt: null, state: {} });
  const id = h.store.appendAnswer({ userId, chatId, questionId: "alpha/a1", topic: "alpha", sessionId: session.id, questionIndex: 0, option: 0, correct: true, answeredAt: at, responseMs: 1_000 });
  if (id !== null && points > 0) h.store.addAward({ answerId: id, userId, chatId, points, at }, boardsForAward(chat, at));
}

function cardOf<K extends "me" | "top">(replies: Reply[], kind: K): K extends "me" ? MeCardData : TopCardData {
  const reply = replies[0] as DocReply | undefined;
  if (reply?.card?.kind !== kind) throw new Error(`expected a ${kind} card, got ${JSON.stringify(reply?.card?.kind)}`);
  return reply.card.data as K extends "me" ? MeCardData : TopCardData;
}

describe("card data from the use cases", () => {
  it("/me: every topic's mastery, the weakest marked once there are answers, and 56 days of activity in the chat's zone", async () => {
    const h = createHarness(); // 2026-11-25 12:00 UTC, 21:00 in Tokyo
    const admin = ctxFor("t:ann", "t:g", "group", { admin: true });
    await h.app.command(admin, cmd("/settings tz Asia/Tokyo"));
    const empty = cardOf(await h.app.command(admin, cmd("/me")), "me");
    expect(empty).toMatchObject({ lang: "en", name: "ann", answers: 0, correct: 0, streak: { current: 0, best: 0 }, reviewsDue: 0 });
    expect(empty.topics.map((t) => t.key)).toEqual(h.bank.topics.map((t) => t.id));
    expect(empty.weakestTopicKey).toBeUndefined();
    expect(empty.participation).toEqual(Array(56).fill(false));

    const now = h.time.clock.now();
    answer(h, "t:ann", "t:g", now - 20 * 3_600_000); // 2026-11-24 16:00 UTC: already the 25th in Tokyo
    answer(h, "t:ann", "t:other", now - 3 * DAY); // any chat counts
    answer(h, "t:ann", "t:g", now - 3 * DAY + 60_000); // the same day again
    answer(h, "t:ann", "t:g", now - 55 * DAY); // the first day on the calendar
    answer(h, "t:ann", "t:g", now - 60 * DAY); // too old to show
    const card = cardOf(await h.app.command(admin, cmd("/me")), "me");
    expect(card.answers).toBe(5);
    expect(card.weakestTopicKey).toBeDefined();
    const active = card.participation.flatMap((on, i) => (on ? [i] : []));
    expect(active).toEqual([0, 52, 55]);
    expect(card.topics.find((t) => t.key === "alpha")?.title).toBe(h.bank.topic("alpha")?.title.en);
  });

  it("/me: a day of 25 hours (Berlin falling back on 2026-10-25) is one day, and the next starts at its local midnight", async () => {
    const h = createHarness();
    const admin = ctxFor("t:ann", "t:g", "group", { admin: true });
    await h.app.command(admin, cmd("/settings tz Europe/Berlin"));
    answer(h, "t:ann", "t:g", Date.UTC(2026, 9, 24, 22, 30)); // 00:30 CEST on the 25th
    answer(h, "t:ann", "t:g", Date.UTC(2026, 9, 25, 22, 30)); // 23:30 CET, still the 25th
    answer(h, "t:ann", "t:g", Date.UTC(2026, 9, 25, 23, 0)); // 00:00 on the 26th
    const card = cardOf(await h.app.command(admin, cmd("/me")), "me");
    // Today (2026-11-25) is the last of 56 entries; 2026-10-25 is 31 days earlier.
    expect(card.participation.flatMap((on, i) => (on ? [i] : []))).toEqual([24, 25]);
  });

  it("/top: the top 10 with the caller's row added below when further down, the period and the chat's title", async () => {
    const h = createHarness();
    const now = h.time.clock.now();
    for (let i = 1; i <= 11; i++) answer(h, `t:p${String(i).padStart(2, "0")}`, "t:g", now - i * 60_000, 100 - i);
    answer(h, "t:me", "t:g", now, 5);
    h.store.putRef(chatTitleKey("t:g"), "Pythonistas", now);
    const card = cardOf(await h.app.command(ctxFor("t:me", "t:g"), cmd("/top")), "top");
    expect(card).toMatchObject({ lang: "en", chatTitle: "Pythonistas", periodLabel: "This week", callerRow: { rank: 12, name: "me", points: 5 } });
    expect(card.rows.map((r) => [r.rank, r.points])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 99 - i]));
    expect(card.rows.some((r) => r.isCaller)).toBe(false);

    const inside = cardOf(await h.app.command(ctxFor("t:p03", "t:g", "group", { lang: "ru" }), cmd("/top all global")), "top");
    expect(inside).toMatchObject({ lang: "ru", chatTitle: "Все чаты", periodLabel: "За всё время", callerRow: undefined });
    expect(inside.rows.filter((r) => r.isCaller).map((r) => r.name)).toEqual(["p03"]);
    // A group whose title the bot never saw, and a private chat.
    expect(cardOf(await h.app.command(ctxFor("t:me", "t:g2"), cmd("/top")), "top").chatTitle).toBe("This chat");
    expect(cardOf(await h.app.command(ctxFor("t:me", "t:me", "private"), cmd("/top month")), "top")).toMatchObject({ chatTitle: "Private chat", periodLabel: "This month" });
  });

  it("sends no card data with cards off, and a chat stored without the key has cards on", async () => {
    const h = createHarness();
    const admin = ctxFor("t:a", "t:g", "group", { admin: true });
    expect((await h.app.command(admin, cmd("/me")))[0]).toHaveProperty("card");
    await h.app.command(admin, cmd("/settings cards off"));
    expect(h.store.getChat("t:g")?.settings.cards).toBe(false);
    for (const text of ["/me", "/top", "/top last-week"]) {
      const [reply] = await h.app.command(admin, cmd(text));
      expect(reply).toMatchObject({ type: "doc" });
      expect((reply as DocReply).card).toBeUndefined();
    }
    expect(readSettings("{}").cards).toBe(true);
    expect(readSettings('{"cards":"yes"}').cards).toBe(true);
    expect(readSettings('{"cards":false}').cards).toBe(false);
  });

  it("marks a season's results for a card only in chats with cards on, with the chat's title", async () => {
    const h = createHarness();
    const now = h.time.clock.now();
    for (const [chatId, cards] of [["t:on", true], ["t:off", false]] as const) {
      const chat = h.store.ensureChat(chatId, "group");
      const enabled = { ...chat, settings: { ...chat.settings, cards, daily: { ...chat.settings.daily, enabled: true } } };
      h.store.updateChat(enabled);
      // The chat had the daily question on in week 48, and two players scored.
      h.store.recordDailyPost({ chatId, date: "2026-11-25", sessionId: null, questionId: null, dueAt: now, postedAt: now });
      scheduleDaily(h.store, enabled, now);
      answer(h, "t:ann", chatId, now, 30);
      answer(h, "t:bob", chatId, now, 30);
    }
    h.store.putRef(chatTitleKey("t:on"), "Pythonistas", now);
    await runUntil(h, Date.UTC(2026, 10, 30, 9, 1));
    const [on] = sentOf(h.sent, "t:on", "season-results");
    const [off] = sentOf(h.sent, "t:off", "season-results");
    expect(on?.card).toEqual({ chatTitle: "Pythonistas" });
    expect(off).toBeDefined();
    expect(off?.card).toBeUndefined();
    expect(seasonCardOf(off!)).toBeUndefined();
    // The picture is drawn from the standings, ties sharing a place.
    expect(seasonCardOf(on!)).toEqual({
      kind: "season",
      data: { lang: "en", chatTitle: "Pythonistas", seasonLabel: "Week 2026-W48", rows: [{ rank: 1, name: "ann", points: 30 }, { rank: 1, name: "bob", points: 30 }] },
    });
  });

  it("lays the calendar out oldest first, today last", () => {
    expect(participationDays(new Set(["2026-11-25", "2026-11-23", "2026-09-30"]), "2026-11-25", 4)).toEqual([false, true, false, true]);
    expect(participationDays(new Set(["2026-03-01"]), "2026-03-01", 2)).toEqual([false, true]);
  });
});
