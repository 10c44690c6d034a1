import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile } from "grammy";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions } from "./telegram/index.ts";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A fake on a clock the test moves, and a grammY bot (no auto-retry) pointed at it. */
async function setup(options: Omit<FakeTelegramOptions, "now"> = {}) {
  let now = T0;
  fake = await startFakeTelegram({ ...options, now: () => now });
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  return { fake, bot, advance: (ms: number) => void (now += ms) };
}

/** The GrammyError (or other error) a call rejects with. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable("the call should have failed"),
    (error: unknown) => error,
  );
}

describe("the fake Telegram Bot API, driven by the real grammY client", () => {
  it("answers getMe with the test bot and refuses a wrong token with 401", async () => {
    const { fake, bot } = await setup();
    expect(await bot.api.getMe()).toMatchObject({ id: 123456, is_bot: true, username: "memquiz_test_bot", first_name: "memquiz" });
    const stranger = new Bot("999:wrong", { client: { apiRoot: fake.apiRoot } });
    const error = await failure(stranger.api.getMe());
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 401, description: "Unauthorized" });
  });

  it("accepts GET and urlencoded calls, and answers unknown methods with 404", async () => {
    const { fake } = await setup();
    const get = await fetch(`${fake.apiRoot}/bot${fake.token}/getMe`);
    expect(await get.json()).toMatchObject({ ok: true, result: { id: 123456 } });
    const form = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ chat_id: "42", text: "007" }),
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { chat: { id: 42 }, text: "007" } });
    const unknown = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("sends an HTML message with an inline keyboard and stores it as Telegram would", async () => {
    const { fake, bot } = await setup();
    const keyboard = new InlineKeyboard().text("A", "ans:1:a").text("B", "ans:1:b");
    const sent = await bot.api.sendMessage(42, "<b>Q1</b> What does <code>sys.getrefcount</code> return &amp; why?", {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
    expect(sent).toMatchObject({ message_id: 1, chat: { id: 42, type: "private" }, from: { id: 123456 }, date: T0 / 1000 });
    expect(sent.text).toBe("Q1 What does sys.getrefcount return & why?");
    expect(sent.entities).toEqual([
      { type: "bold", offset: 0, length: 2 },
      { type: "code", offset: 13, length: 15 },
    ]);
    expect(sent.reply_markup).toEqual(keyboard);
    expect((await bot.api.sendMessage(42, "next")).message_id).toBe(2);
    expect(fake.messages(42).map((m) => m.text)).toEqual([sent.text, "next"]);
    expect(fake.callsOf("sendMessage")[0]?.params).toMatchObject({ chat_id: 42, parse_mode: "HTML" });
  });

  it("refuses what Telegram refuses: bad HTML, empty or long text, long callback_data", async () => {
    const { bot } = await setup();
    const cases: [() => Promise<unknown>, string][] = [
      [() => bot.api.sendMessage(1, "<b>open", { parse_mode: "HTML" }), `can't parse entities: Can't find end tag corresponding to start tag "b"`],
      [() => bot.api.sendMessage(1, "<b><i>x</b></i>", { parse_mode: "HTML" }), `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`],
      [() => bot.api.sendMessage(1, "<div>x</div>", { parse_mode: "HTML" }), `Unsupported start tag "div" at byte offset 0`],
      [() => bot.api.sendMessage(1, "1 < 2", { parse_mode: "HTML" }), `Unsupported start tag "" at byte offset 2`],
      [() => bot.api.sendMessage(1, ""), "Bad Request: message text is empty"],
      [() => bot.api.sendMessage(1, "x".repeat(4097)), "Bad Request: message is too long"],
      [() => bot.api.sendMessage(1, "q", { reply_markup: new InlineKeyboard().text("A", "x".repeat(65)) }), "Bad Request: BUTTON_DATA_INVALID"],
    ];
    for (const [call, description] of cases) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(GrammyError);
      expect((error as GrammyError).error_code).toBe(400);
      expect((error as GrammyError).description).toContain(description);
    }
    const pre = await bot.api.sendMessage(1, '<pre><code class="language-python">a = []\nb = a</code></pre>', { parse_mode: "HTML" });
    expect(pre.entities).toEqual([{ type: "pre", offset: 0, length: 12, language: "python" }]);
  });

  it("edits text and keyboard, and answers 'not found' and 'not modified' like Telegram", async () => {
    const { fake, bot, advance } = await setup();
    const keyboard = new InlineKeyboard().text("A", "a");
    const sent = await bot.api.sendMessage(7, "Question", { reply_markup: keyboard });
    advance(5000);
    const edited = (await bot.api.editMessageText(7, sent.message_id, "Question — closed", { reply_markup: keyboard })) as Message;
    expect(edited).toMatchObject({ message_id: sent.message_id, text: "Question — closed", edit_date: T0 / 1000 + 5 });
    const same = await failure(bot.api.editMessageText(7, sent.message_id, "Question — closed", { reply_markup: keyboard }));
    expect((same as GrammyError).description).toMatch(/^Bad Request: message is not modified: /);
    const missing = await failure(bot.api.editMessageText(7, 99, "x"));
    expect(missing).toMatchObject({ error_code: 400, description: "Bad Request: message to edit not found" });
    await bot.api.editMessageReplyMarkup(7, sent.message_id, { reply_markup: new InlineKeyboard().text("B", "b") });
    expect(fake.messages(7)[0]).toMatchObject({ text: "Question — closed", reply_markup: { inline_keyboard: [[{ text: "B", callback_data: "b" }]] } });
    // An edit that does not repeat the keyboard removes it, as on Telegram.
    await bot.api.editMessageText(7, sent.message_id, "Closed");
    expect(fake.messages(7)[0]?.reply_markup).toBeUndefined();
    await bot.api.deleteMessage(7, sent.message_id);
    expect(fake.messages(7)).toEqual([]);
  });

  it("sends a quiz with grammY 1.46's correct_option_ids, counts votes from poll answers, and stops it", async () => {
    const { fake, bot } = await setup();
    const message = await bot.api.sendPoll(-1001, "Which object is immortal in CPython 3.12?", [{ text: "None" }, { text: "[]" }, { text: "{}" }], {
      type: "quiz",
      is_anonymous: false,
      correct_option_ids: [0],
      explanation: "<b>None</b> is immortal since PEP 683",
      explanation_parse_mode: "HTML",
      open_period: 30,
    });
    expect(fake.callsOf("sendPoll")[0]?.params["correct_option_ids"]).toEqual([0]);
    const poll = message.poll;
    expect(poll).toMatchObject({
      question: "Which object is immortal in CPython 3.12?",
      options: [{ text: "None", voter_count: 0 }, { text: "[]", voter_count: 0 }, { text: "{}", voter_count: 0 }],
      type: "quiz", is_anonymous: false, allows_multiple_answers: false, is_closed: false, total_voter_count: 0,
      correct_option_ids: [0], explanation: "None is immortal since PEP 683", open_period: 30, close_date: T0 / 1000 + 30,
    });
    expect(poll.id).toMatch(/^\d+$/);
    const ann = fake.user(501, "Ann", { languageCode: "en" });
    fake.pushUpdate(fake.pollAnswer(poll.id, ann, [1]));
    fake.pushUpdate(fake.pollAnswer(poll.id, fake.user(502, "Bo"), [0]));
    fake.pushUpdate(fake.pollAnswer(poll.id, ann, []));
    expect(fake.polls.get(poll.id)).toMatchObject({ total_voter_count: 1, options: [{ voter_count: 1 }, { voter_count: 0 }, { voter_count: 0 }] });
    const stopped = await bot.api.stopPoll(-1001, message.message_id);
    expect(stopped).toMatchObject({ id: poll.id, is_closed: true, total_voter_count: 1 });
    expect(await failure(bot.api.stopPoll(-1001, message.message_id))).toMatchObject({ description: "Bad Request: poll has already been closed" });
  });

  it("validates polls: 2–12 options, question and option lengths, a correct option for quizzes", async () => {
    const { bot } = await setup();
    const two = [{ text: "a" }, { text: "b" }];
    const refusals: [() => Promise<unknown>, string][] = [
      [() => bot.api.sendPoll(1, "Q", [{ text: "a" }]), "poll must have at least 2 options"],
      [() => bot.api.sendPoll(1, "Q", Array.from({ length: 13 }, (_, i) => ({ text: `o${i}` }))), "poll can't have more than 12 options"],
      [() => bot.api.sendPoll(1, "Q".repeat(301), two), "poll question length must not exceed 300"],
      [() => bot.api.sendPoll(1, "Q", [{ text: "a" }, { text: "b".repeat(101) }]), "poll options length must not exceed 100"],
      [() => bot.api.sendPoll(1, "Q", two, { type: "quiz" }), "wrong correct option ID specified"],
      [() => bot.api.sendPoll(1, "Q", two, { type: "quiz", correct_option_ids: [2] }), "wrong correct option ID specified"],
      [() => bot.api.sendPoll(1, "Q", two, { type: "quiz", correct_option_ids: [0], explanation: "e".repeat(201) }), "poll explanation length must not exceed 200"],
    ];
    for (const [call, description] of refusals) expect(await failure(call())).toMatchObject({ error_code: 400, description: `Bad Request: ${description}` });
  });

  it("answers a pushed callback query once, and reports chat members and commands", async () => {
    const { fake, bot } = await setup();
    const ann = fake.user(501, "Ann");
    const group = fake.groupChat(-1001, "Pythonistas");
    const sent = await bot.api.sendMessage(group.id, "Q", { reply_markup: new InlineKeyboard().text("A", "a") });
    const update = fake.callbackQuery(group, ann, "a", sent.message_id);
    expect(update.callback_query).toMatchObject({ from: ann, data: "a", message: { message_id: sent.message_id, chat: group } });
    expect(update.callback_query?.chat_instance).toMatch(/^\d+$/);
    fake.pushUpdate(update);
    const id = update.callback_query?.id ?? "";
    expect(await bot.api.answerCallbackQuery(id, { text: "Locked in" })).toBe(true);
    expect(await failure(bot.api.answerCallbackQuery(id))).toMatchObject({ error_code: 400 });

    fake.setChatMember(group.id, 777, "creator");
    expect(await bot.api.getChatMember(group.id, ann.id)).toEqual({ status: "member", user: ann });
    expect(await bot.api.getChatMember(group.id, 777)).toMatchObject({ status: "creator", user: { id: 777 } });
    expect(await bot.api.getChatMember(group.id, fake.botUser.id)).toMatchObject({ status: "administrator", user: fake.botUser });

    await bot.api.setMyCommands([{ command: "quiz", description: "Start a round" }]);
    await bot.api.setMyCommands([{ command: "quiz", description: "Начать раунд" }], { language_code: "ru" });
    expect(fake.commands()).toEqual([{ command: "quiz", description: "Start a round" }]);
    expect(fake.commands("ru")).toEqual([{ command: "quiz", description: "Начать раунд" }]);
    expect(await failure(bot.api.setMyCommands([{ command: "Bad Command", description: "x" }]))).toMatchObject({ description: "Bad Request: BOT_COMMAND_INVALID" });
  });

  it("uploads a photo as multipart/form-data, records the file part, and refuses a file that is not an image", async () => {
    const { fake, bot } = await setup();
    // A PNG signature and an IHDR chunk for 800×600 are all the fake reads; the rest is padding.
    const bytes = new Uint8Array(1234);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 3, 0x20, 0, 0, 2, 0x58]);
    const sent = await bot.api.sendPhoto(42, new InputFile(bytes, "board.png"), { caption: "<i>Leaderboard</i>", parse_mode: "HTML" });
    expect(sent.caption).toBe("Leaderboard");
    expect(sent.caption_entities).toEqual([{ type: "italic", offset: 0, length: 11 }]);
    expect(sent.photo.map((p) => [p.width, p.height])).toEqual([[90, 68], [320, 240], [800, 600]]);
    expect(fake.callsOf("sendPhoto")[0]?.params).toMatchObject({ chat_id: "42", photo: { filename: "board.png", size: 1234 }, parse_mode: "HTML" });
    expect(fake.uploads).toHaveLength(1);
    expect(fake.uploads[0]).toMatchObject({ method: "sendPhoto", chatId: 42, messageId: sent.message_id });
    expect(Buffer.compare(fake.uploads[0]!.file.bytes, Buffer.from(bytes))).toBe(0);
    const byId = await bot.api.sendPhoto(42, sent.photo[0]?.file_id ?? "");
    expect(byId.photo[0]?.file_id).not.toBe(sent.photo[0]?.file_id);
    expect(await failure(bot.api.sendPhoto(42, new InputFile(new Uint8Array(300).fill(7), "noise.png")))).toMatchObject({ description: "Bad Request: IMAGE_PROCESS_FAILED" });
    expect(fake.uploads).toHaveLength(1);
    expect(await bot.api.sendChatAction(42, "upload_photo")).toBe(true);
  });

  it("long-polls: bot.start() receives a pushed command and replies, and stop + close finish promptly", async () => {
    const { fake, bot } = await setup();
    const ann = fake.user(501, "Ann", { languageCode: "ru" });
    const chat = fake.privateChat(ann);
    let replied!: () => void;
    const reply = new Promise<void>((resolve) => (replied = resolve));
    const seen: number[] = [];
    bot.command("start", async (ctx) => {
      seen.push(ctx.update.update_id);
      await ctx.reply(`hi ${ctx.from?.first_name}`);
      if (seen.length === 2) replied();
    });
    const update = fake.message(chat, ann, "/start@memquiz_test_bot now");
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 23 }]);
    const running = bot.start({ timeout: 30 });
    const first = fake.pushUpdate(update);
    // Telegram may deliver an update twice; the fake can replay an id the bot confirmed.
    fake.pushUpdate({ ...update, update_id: first });
    await reply;
    expect(seen).toEqual([1, 1]);
    expect(fake.messages(chat.id).map((m) => m.text)).toEqual(["/start@memquiz_test_bot now", "hi Ann", "hi Ann"]);
    const startedAt = Date.now();
    await bot.stop();
    await running;
    await fake.close();
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(fake.callsOf("getUpdates").at(-1)?.params).toMatchObject({ offset: 2, limit: 1 });
  });

  it("getUpdates honours offset and limit, and close() releases a 30 s long poll at once", async () => {
    const { fake, bot } = await setup();
    const ann = fake.user(501, "Ann");
    for (const text of ["a", "b", "c"]) fake.pushUpdate(fake.message(fake.privateChat(ann), ann, text));
    expect((await bot.api.getUpdates({ limit: 2 })).map((u) => u.update_id)).toEqual([1, 2]);
    expect((await bot.api.getUpdates({ offset: 3 })).map((u) => u.message?.text)).toEqual(["c"]);
    const held = bot.api.getUpdates({ offset: 4, timeout: 30 });
    const startedAt = Date.now();
    await vi.waitFor(() => expect(fake.callsOf("getUpdates")).toHaveLength(3));
    await fake.close();
    expect(await held).toEqual([]);
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });
});

describe("fault injection and rate limits in the fake Telegram", () => {
  // Guards the retry path: grammY must surface retry_after, not swallow it.
  it("turns an injected 429 into a GrammyError with retry_after, and 500 into a GrammyError 500", async () => {
    const { fake, bot } = await setup();
    fake.failNext("sendMessage", { kind: "429", retryAfter: 7 });
    fake.failNext("*", { kind: "500" });
    const limited = await failure(bot.api.sendMessage(1, "x"));
    expect(limited).toBeInstanceOf(GrammyError);
    expect(limited).toMatchObject({ error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    expect(await failure(bot.api.getMe())).toMatchObject({ error_code: 500, description: "Internal Server Error" });
    expect(await bot.api.sendMessage(1, "x")).toMatchObject({ message_id: 1 });
    expect(fake.calls.map((c) => [c.method, c.status])).toEqual([["sendMessage", 429], ["getMe", 500], ["sendMessage", 200]]);
  });

  it("drops the connection (HttpError, nothing sent) and delays an answer after the message was sent", async () => {
    const { fake, bot } = await setup();
    fake.failNext("sendMessage", { kind: "drop" });
    expect(await failure(bot.api.sendMessage(1, "lost"))).toBeInstanceOf(HttpError);
    expect(fake.messages(1)).toEqual([]);
    // The dangerous case for retries: Telegram sent the message, the answer is late.
    fake.failNext("sendMessage", { kind: "delay", ms: 60_000, times: 1 });
    let answered = false;
    const late = bot.api.sendMessage(1, "late").finally(() => (answered = true));
    await vi.waitFor(() => expect(fake.messages(1).map((m) => m.text)).toEqual(["late"]));
    expect(answered).toBe(false);
    await fake.close(); // releases the delayed answer instead of leaving it hanging
    expect(await late).toMatchObject({ text: "late" });
  });

  it("enforces per-chat, per-group and global limits on sends with the injected clock", async () => {
    const { fake, bot, advance } = await setup({ rateLimits: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
    await bot.api.sendMessage(1, "one");
    const second = await failure(bot.api.sendMessage(1, "two"));
    expect(second).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    expect(fake.rejected429).toBe(1);
    await bot.api.editMessageText(1, 1, "edits are not limited");
    advance(1000);
    await bot.api.sendMessage(1, "two");

    for (let i = 0; i < 20; i++, advance(1000)) await bot.api.sendPoll(-100, `Q${i}`, [{ text: "a" }, { text: "b" }]);
    expect(await failure(bot.api.sendMessage(-100, "21st in a minute"))).toMatchObject({ error_code: 429, parameters: { retry_after: 40 } });

    for (let chat = 1000; chat < 1030; chat++) await bot.api.sendMessage(chat, "broadcast");
    expect(await failure(bot.api.sendMessage(2000, "31st this second"))).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    expect(fake.rejected429).toBe(3);
  });
});
