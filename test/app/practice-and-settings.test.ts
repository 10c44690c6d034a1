import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/app/replies.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { RoundQuestionPayload } from "../../src/core/game/outbox-payload.ts";
import { toPlainText } from "../../src/core/render/doc.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";

const cmd = (text: string) => parseCommand(text)!;
const text = (replies: Reply[]) => replies.map((r) => (r.type === "doc" ? toPlainText(r.doc) : r.type)).join("\n");

describe("practice", () => {
  it("works only in a private chat", async () => {
    const h = createHarness();
    expect(text(await h.app.command(ctxFor("t:ann", "t:g1"), cmd("/practice")))).toContain("Practice works in a private chat");
  });

  it("asks, judges an answer with the explanation, and moves on to an unseen question", async () => {
    const h = createHarness();
    const ann = ctxFor("t:ann", "t:ann", "private");
    const [first] = await h.app.command(ann, cmd("/practice alpha"));
    if (first?.type !== "practice-question") throw new Error("expected a question");
    expect(first.question.topic).toBe("alpha");
    expect(first.header).toBe("Practice · question 1");
    const wrong = (first.question.answer + 1) % first.question.options.length;
    const [feedback] = h.app.practice.answer(ann, { sessionId: first.sessionId, number: 1, option: wrong });
    expect(feedback).toMatchObject({ type: "practice-feedback", correct: false, option: wrong });
    // The same button pressed again is stale: the question was answered.
    expect(text(h.app.practice.answer(ann, { sessionId: first.sessionId, number: 1, option: 0 }))).toContain("no longer open");
    const [second] = h.app.practice.next(ann, first.sessionId);
    if (second?.type !== "practice-question") throw new Error("expected a question");
    expect(second.number).toBe(2);
    expect(second.question.id).not.toBe(first.question.id);
    // Practice earns no leaderboard points.
    expect(h.store.top({ scope: "global", period: "all", key: "all" }, 10)).toEqual([]);
    expect(text(await h.app.command(ann, cmd("/me")))).toContain("1 answer, 0% right");
  });

  it("rejects presses on someone else's practice, forged sessions and out-of-range options", async () => {
    const h = createHarness();
    const ann = ctxFor("t:ann", "t:ann", "private");
    const [q] = await h.app.command(ann, cmd("/practice"));
    if (q?.type !== "practice-question") throw new Error("expected a question");
    const intruder = ctxFor("t:eve", "t:ann", "private");
    expect(text(h.app.practice.answer(intruder, { sessionId: q.sessionId, number: 1, option: 0 }))).toContain("someone else's practice");
    expect(text(h.app.practice.answer(ann, { sessionId: 9999, number: 1, option: 0 }))).toContain("no longer open");
    expect(text(h.app.practice.answer(ann, { sessionId: q.sessionId, number: 1, option: 7 }))).toContain("from 1 to");
    expect(h.store.recentResults("t:ann", 10)).toEqual([]);
  });

  it("answers typed numbers in text chats: the open round first, else the practice question", async () => {
    const h = createHarness();
    const me = ctxFor("cli:local", "t:local", "private");
    expect(text(h.app.typedAnswer(me, 1) as Reply[])).toContain("No question is open");
    const [q] = await h.app.command(me, cmd("/practice"));
    if (q?.type !== "practice-question") throw new Error("expected a question");
    const replies = h.app.typedAnswer(me, q.question.answer + 1) as Reply[];
    expect(replies[0]).toMatchObject({ type: "practice-feedback", correct: true });
    await h.app.command(me, cmd("/quiz 1"));
    expect(h.app.typedAnswer(me, 1)).toMatchObject({ kind: "accepted", option: 0 });
  });
});

describe("settings and language", () => {
  it("lets only admins change a group's settings, and keeps them unchanged on a bad value", async () => {
    const h = createHarness();
    const member = ctxFor("t:m", "t:g1");
    const admin = ctxFor("t:a", "t:g1", "group", { admin: true });
    expect(text(await h.app.command(member, cmd("/settings")))).toContain("round seconds: 30");
    expect(text(await h.app.command(member, cmd("/settings seconds 10")))).toContain("Only chat admins");
    expect(text(await h.app.command(admin, cmd("/settings seconds 5")))).toContain("Can't set seconds: use a whole number from 10 to 120");
    expect(text(await h.app.command(admin, cmd("/settings tz Mars/Base")))).toContain("IANA time zone");
    expect(text(await h.app.command(admin, cmd("/settings topics alpha,gamma")))).toContain("topics from: alpha, beta");
    expect(h.store.getChat("t:g1")).toMatchObject({ timezone: "UTC", settings: { roundSeconds: 30, topics: [] } });
    expect(text(await h.app.command(admin, cmd("/settings seconds 45")))).toContain("Saved.");
    await h.app.command(admin, cmd("/settings tz Asia/Tokyo"));
    await h.app.command(admin, cmd("/settings topics beta"));
    expect(h.store.getChat("t:g1")).toMatchObject({ timezone: "Asia/Tokyo", settings: { roundSeconds: 45, topics: ["beta"] } });
    await h.app.command(member, cmd("/quiz 1"));
    await h.runtime.settle();
    const q = h.sent[0]?.payload as RoundQuestionPayload;
    expect(q.questionId.startsWith("beta/")).toBe(true);
    expect(q.closesAt - q.openedAt).toBe(45_000);
  });

  it("turns picture cards on and off: admins only in groups, on by default, a clear message for a bad value", async () => {
    const h = createHarness();
    const member = ctxFor("t:m", "t:g1");
    const admin = ctxFor("t:a", "t:g1", "group", { admin: true });
    expect(text(await h.app.command(member, cmd("/settings")))).toContain("picture cards: on");
    expect(text(await h.app.command(member, cmd("/settings cards off")))).toContain("Only chat admins");
    expect(text(await h.app.command(admin, cmd("/settings cards")))).toContain(
      "Can't set cards: use on (pictures for /me, /top and season results) or off (text only). Nothing was changed.",
    );
    expect(text(await h.app.command(admin, cmd("/settings cards yes")))).toContain("/settings cards on|off");
    expect(h.store.getChat("t:g1")?.settings.cards).toBe(true);
    expect(text(await h.app.command(admin, cmd("/settings cards OFF")))).toBe("Saved.");
    expect(text(await h.app.command(member, cmd("/settings")))).toContain("picture cards: off");
    const ivan = ctxFor("t:ivan", "t:g1", "group", { admin: true, lang: "ru" });
    expect(text(await h.app.command(ivan, cmd("/settings cards может")))).toContain(
      "Не удалось изменить cards: укажите on (картинки для /me, /top и итогов сезона) или off (только текст). Ничего не изменено.",
    );
    expect(text(await h.app.command(ivan, cmd("/settings")))).toContain("карточки-картинки: выкл (off)");
    // In a private chat the user is the admin.
    expect(text(await h.app.command(ctxFor("t:m", "t:m", "private"), cmd("/settings cards off")))).toBe("Saved.");
  });

  it("speaks the user's choice, else the chat's, else the platform language", async () => {
    const h = createHarness();
    const ivan = ctxFor("t:ivan", "t:ivan", "private", { lang: "ru" });
    expect(text(await h.app.command(ivan, cmd("/help")))).toContain("Команды:");
    expect(text(await h.app.command(ivan, cmd("/lang en")))).toBe("Language set to English.");
    expect(text(await h.app.command(ivan, cmd("/help")))).toContain("Commands:");
    expect(text(await h.app.command(ivan, cmd("/lang xx")))).toContain("Usage: /lang en");
    const admin = ctxFor("t:a", "t:g2", "group", { admin: true });
    await h.app.command(admin, cmd("/settings lang ru"));
    expect(text(await h.app.command(ctxFor("t:new", "t:g2"), cmd("/top")))).toContain("Лидеры");
  });
});

describe("reports", () => {
  it("stores a report on the question the user saw last", async () => {
    const h = createHarness();
    const ann = ctxFor("t:ann", "t:ann", "private");
    expect(text(await h.app.command(ann, cmd("/report wrong")))).toContain("no recent question");
    const [q] = await h.app.command(ann, cmd("/practice"));
    if (q?.type !== "practice-question") throw new Error("expected a question");
    expect(text(await h.app.command(ann, cmd("/report")))).toContain("Usage: /report");
    expect(text(await h.app.command(ann, cmd("/report option B is also right")))).toContain(`[${q.question.id}]`);
    expect(h.store.listReports()).toMatchObject([{ userId: "t:ann", questionId: q.question.id, text: "option B is also right" }]);
  });
});
