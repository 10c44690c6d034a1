import { afterEach, describe, expect, it } from "vitest";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { RoundState } from "../../../src/core/game/round.ts";
import { startTelegramHarness, type TelegramBotHarness } from "../../helpers/telegram-bot-harness.ts";

let h: TelegramBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const GROUP = -100_777;

function buttons(message: Message | undefined): string[] {
  const markup = message?.reply_markup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? b.callback_data : ""));
}

describe("memquiz on Telegram (real grammY against a fake Bot API)", () => {
  it("registers its commands in English and Russian at start", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    await h.until(() => fake.commands("ru"), "the Russian command menu");
    expect(fake.commands()?.map((c) => c.command)).toContain("quiz");
    expect(fake.commands("ru")?.find((c) => c.command === "quiz")?.description).toBe("раунд на время для всего чата");
  });

  it("plays practice in a private chat through buttons, and refuses forged and stale presses", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const ann = fake.user(501, "Ann", { languageCode: "en" });
    const chat = fake.privateChat(ann);
    fake.pushUpdate(fake.message(chat, ann, "/practice alpha"));
    const question = await h.until(() => fake.messages(ann.id).find((m) => m.from?.is_bot && buttons(m).length > 0), "a practice question");
    expect(question.text).toMatch(/Practice · question 1 · \[alpha\/a\d\]/);
    const [first] = buttons(question);
    expect(first).toMatch(/^a:\d+:1:0$/);

    fake.pushUpdate(fake.callbackQuery(chat, ann, first!, question.message_id));
    const edited = await h.until(() => fake.callsOf("editMessageText")[0], "the verdict");
    expect(String(edited.params.text)).toMatch(/Correct!|Not quite/);
    expect(buttons(fake.messages(ann.id).find((m) => m.message_id === question.message_id))).toEqual([expect.stringMatching(/^n:\d+$/)]);

    // The same button again is stale; a made-up one is forged.
    fake.pushUpdate(fake.callbackQuery(chat, ann, first!, question.message_id));
    fake.pushUpdate(fake.callbackQuery(chat, ann, "a:999999:1:0", question.message_id));
    fake.pushUpdate(fake.callbackQuery(chat, ann, "garbage", question.message_id));
    const alerts = await h.until(() => {
      const calls = fake.callsOf("answerCallbackQuery").filter((c) => c.params.show_alert === true);
      return calls.length >= 3 ? calls : undefined;
    }, "three alerts");
    expect(alerts.map((c) => c.params.text)).toEqual(["That question is no longer open.", "That question is no longer open.", "That question is no longer open."]);

    const next = buttons(fake.messages(ann.id).find((m) => m.message_id === question.message_id))[0]!;
    fake.pushUpdate(fake.callbackQuery(chat, ann, next, question.message_id));
    const second = await h.until(() => fake.messages(ann.id).find((m) => m.text?.includes("Practice · question 2")), "the next question");
    expect(buttons(second)[0]).toMatch(/^a:\d+:2:0$/);
  });

  it("runs a group round on quiz polls: a wrong, a late and a double answer, then results and the board", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const [alice, bob, carol, dave] = [fake.user(1, "Alice"), fake.user(2, "Bob"), fake.user(3, "Carol"), fake.user(4, "Dave")];
    fake.pushUpdate(fake.message(group, alice, "/quiz@memquiz_test_bot 1 alpha"));
    const pollCall = await h.until(() => fake.callsOf("sendPoll")[0], "the quiz poll");
    expect(pollCall.params).toMatchObject({ type: "quiz", is_anonymous: false, open_period: 30 });
    const correct = (pollCall.params.correct_option_ids as number[])[0]!;
    expect(String(pollCall.params.explanation).length).toBeLessThanOrEqual(200);
    expect(String(pollCall.params.question)).toMatch(/\[alpha\/a\d\]$/);
    const poll = [...fake.polls.values()][0]!;
    const { store } = h.memquiz.runtime.deps;
    const round = () => store.openSession<RoundState>(`tg:${GROUP}`, "round");
    const answers = () => store.sessionAnswers(round()?.id ?? -1, 0).length;

    h.time.advance(2_000);
    fake.pushUpdate(fake.pollAnswer(poll.id, bob, [(correct + 1) % 4]));
    h.time.advance(1_000);
    fake.pushUpdate(fake.pollAnswer(poll.id, carol, [correct]));
    await h.until(() => answers() === 2, "two answers");
    fake.pushUpdate(fake.pollAnswer(poll.id, carol, []));
    const second = fake.pushUpdate(fake.pollAnswer(poll.id, carol, [(correct + 2) % 4]));
    await h.until(() => h!.logs.some((l) => l.includes(`poll answer in update ${second}: already-answered`)), "the second vote to be refused");
    expect(answers()).toBe(2);

    h.time.advance(27_000); // the question closes at 30 s
    const results = await h.until(() => fake.messages(GROUP).find((m) => m.text?.startsWith("Time's up!")), "the results");
    expect(results.text).toContain("1. Carol — 3.0 s, +");
    expect(results.text).toContain("2 players answered.");
    const late = fake.pushUpdate(fake.pollAnswer(poll.id, dave, [correct]));
    await h.until(() => h!.logs.some((l) => l.includes(`poll answer in update ${late}: closed`)), "the late vote to be refused");
    // The standings wait for Telegram's one-message-a-second limit per chat.
    await h.until(() => fake.messages(GROUP).find((m) => m.text?.startsWith("Round over!")), "the standings", 250);
    fake.pushUpdate(fake.message(group, dave, "/top"));
    expect(answers()).toBe(0); // no round is open any more
    // With picture cards on (the default), the board is a photo with the text as its caption.
    const top = await h.until(() => fake.messages(GROUP).find((m) => m.from?.is_bot && m.caption?.startsWith("Top")), "the leaderboard");
    expect(top.caption).toMatch(/1\s+Carol\s+\d+/);
    expect(top.caption).not.toContain("Dave");
    expect(top.caption).not.toContain("Bob ");
    expect(fake.callsOf("stopPoll")).toHaveLength(1);
  });

  it("posts a code question's snippet right before its poll", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const alice = fake.user(1, "Alice");
    fake.pushUpdate(fake.message(group, alice, "/settings"));
    fake.pushUpdate(fake.message(group, alice, "/quiz 4 beta"));
    await h.until(() => fake.callsOf("sendPoll").length === 4 || undefined, "four polls", 10_000);
    const sends = fake.calls.filter((c) => c.method === "sendMessage" || c.method === "sendPoll");
    const snippet = sends.findIndex((c) => String(c.params.text ?? "").includes('<pre><code class="language-python">'));
    expect(snippet).toBeGreaterThan(-1);
    expect(String(sends[snippet]?.params.text)).toContain("[beta/b4-code]");
    expect(sends[snippet + 1]?.method).toBe("sendPoll");
    expect(sends[snippet + 1]?.params.question).toBe("What does this print?");
  });

  it("refuses /settings changes from a group member who is not an admin", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const member = fake.user(7, "Mel");
    const owner = fake.user(8, "Olga");
    fake.setChatMember(GROUP, owner.id, "creator");
    fake.pushUpdate(fake.message(group, member, "/settings seconds 60"));
    await h.until(() => fake.messages(GROUP).find((m) => m.text === "Only chat admins can change settings."), "the refusal");
    fake.pushUpdate(fake.message(group, owner, "/settings seconds 60"));
    await h.until(() => fake.messages(GROUP).find((m) => m.text === "Saved."), "the owner's change");
    expect(h.memquiz.runtime.deps.store.getChat(`tg:${GROUP}`)?.settings.roundSeconds).toBe(60);
  });

  it("handles an update delivered twice only once", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const ann = fake.user(501, "Ann");
    const update = fake.message(fake.privateChat(ann), ann, "/help");
    fake.pushUpdate({ ...update, update_id: 900 });
    await h.until(() => fake.callsOf("sendMessage").length === 1 || undefined, "the first reply");
    fake.pushUpdate({ ...update, update_id: 900 });
    fake.pushUpdate(fake.message(fake.privateChat(ann), ann, "/me"));
    await h.until(() => fake.messages(ann.id).some((m) => m.caption?.startsWith("Progress")), "the /me reply");
    expect(fake.callsOf("sendMessage").filter((c) => String(c.params.text).includes("Commands:"))).toHaveLength(1);
  });

  it("finishes a round without losing answers when Telegram answers 429", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const [alice, bob] = [fake.user(1, "Alice"), fake.user(2, "Bob")];
    fake.pushUpdate(fake.message(group, alice, "/quiz 1"));
    await h.until(() => fake.callsOf("sendPoll")[0], "the poll");
    const poll = [...fake.polls.values()][0]!;
    fake.pushUpdate(fake.pollAnswer(poll.id, alice, [0]));
    fake.pushUpdate(fake.pollAnswer(poll.id, bob, [1]));
    const { store } = h.memquiz.runtime.deps;
    await h.until(() => store.sessionAnswers(store.openSession(`tg:${GROUP}`, "round")?.id ?? -1, 0).length === 2 || undefined, "both answers");
    fake.failNext("sendMessage", { kind: "429", retryAfter: 1 });
    h.time.advance(30_000);
    const results = await h.until(() => fake.messages(GROUP).find((m) => m.text?.startsWith("Time's up!")), "the results after the 429");
    expect(results.text).toContain("2 players answered.");
    await h.until(() => fake.messages(GROUP).find((m) => m.text?.startsWith("Round over!")), "the standings", 250);
    expect(fake.calls.filter((c) => c.method === "sendMessage" && c.status === 429)).toHaveLength(1);
  });
});

describe("webhook mode", () => {
  it("accepts updates only with the secret header", async () => {
    h = await startTelegramHarness({
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg-hook",
      TELEGRAM_WEBHOOK_SECRET: "s3cret-token",
      TELEGRAM_WEBHOOK_HOST: "127.0.0.1",
      TELEGRAM_WEBHOOK_PORT: "0",
    });
    const { fake } = h;
    expect(fake.webhookUrl).toBe("https://bot.example.org/tg-hook");
    const port = h.memquiz.adapters.telegram?.webhookPort;
    const ann = fake.user(501, "Ann");
    const body = JSON.stringify({ update_id: 42, ...fake.message(fake.privateChat(ann), ann, "/help") });
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/tg-hook`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await post({})).status).toBe(401);
    expect((await post({ "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    expect((await post({ "x-telegram-bot-api-secret-token": "s3cret-token" })).status).toBe(200);
    await h.until(() => fake.messages(ann.id).find((m) => m.text?.includes("Commands:")), "the reply");
    expect((await fetch(`http://127.0.0.1:${port}/elsewhere`, { method: "POST", body })).status).toBe(404);
  });
});
