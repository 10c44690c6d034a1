import { afterEach, describe, expect, it } from "vitest";
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIMessage } from "discord.js";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Store } from "../../src/core/ports.ts";
import { CHANNEL, GUILD, startDiscordHarness } from "../helpers/discord-bot-harness.ts";
import { startTelegramHarness } from "../helpers/telegram-bot-harness.ts";
import type { InProcessMemquiz } from "../helpers/start-in-process.ts";

let h: InProcessMemquiz | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const GROUP = -100_555;

const answersOf = (store: Store, userId: string) => store.topicProgress(userId).reduce((n, t) => n + t.answers, 0);

function tgButtons(message: Message | undefined): string[] {
  const markup = message?.reply_markup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? b.callback_data : ""));
}

function dcButtons(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components.map((b) => b.custom_id));
}

describe("/forget on Telegram", () => {
  it("asks in the group with buttons only the caller can press, then deletes their answers and their place on the board", async () => {
    const t = await startTelegramHarness();
    h = t;
    const { fake } = t;
    const { store } = t.memquiz.runtime.deps;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const [alice, bob] = [fake.user(1, "Alice"), fake.user(2, "Bob")];
    fake.pushUpdate(fake.message(group, alice, "/quiz 1"));
    await t.until(() => fake.callsOf("sendPoll")[0], "the poll");
    const poll = [...fake.polls.values()][0]!;
    const correct = (fake.callsOf("sendPoll")[0]!.params.correct_option_ids as number[])[0]!;
    fake.pushUpdate(fake.pollAnswer(poll.id, alice, [correct]));
    fake.pushUpdate(fake.pollAnswer(poll.id, bob, [correct]));
    await t.until(() => answersOf(store, "tg:2") === 1 && answersOf(store, "tg:1") === 1, "both answers");
    t.time.advance(30_000);
    await t.until(() => fake.messages(GROUP).find((m) => m.text?.startsWith("Round over!")), "the standings", 250);
    expect(store.rank({ scope: `tg:${GROUP}`, period: "all", key: "all" }, "tg:2")?.players).toBe(2);

    fake.pushUpdate(fake.message(group, alice, "/forget"));
    const prompt = await t.until(() => fake.messages(GROUP).find((m) => m.from?.is_bot && tgButtons(m).length === 2), "the question");
    expect(prompt.text).toContain("Delete your data?");
    expect(prompt.reply_to_message?.from?.id).toBe(alice.id);
    const [confirm, cancel] = tgButtons(prompt);
    expect(confirm).toMatch(/^fg:y:[0-9a-z]+$/);
    expect(cancel).toMatch(/^fg:n:[0-9a-z]+$/);

    // Bob presses Alice's buttons: refused with an alert, nothing deleted or cancelled.
    fake.pushUpdate(fake.callbackQuery(group, bob, confirm!, prompt.message_id));
    fake.pushUpdate(fake.callbackQuery(group, bob, cancel!, prompt.message_id));
    const alerts = await t.until(() => {
      const calls = fake.callsOf("answerCallbackQuery").filter((c) => c.params.show_alert === true);
      return calls.length === 2 ? calls : undefined;
    }, "two alerts for Bob");
    expect(alerts.map((c) => c.params.text)).toEqual(["Only the person who sent /forget can answer this.", "Only the person who sent /forget can answer this."]);
    expect(answersOf(store, "tg:1")).toBe(1);
    expect(fake.callsOf("editMessageText")).toHaveLength(0);

    fake.pushUpdate(fake.callbackQuery(group, alice, confirm!, prompt.message_id));
    const edited = await t.until(() => fake.callsOf("editMessageText")[0], "the outcome");
    expect(String(edited.params.text)).toMatch(/^Done: your data is deleted \(1 answer/);
    expect(tgButtons(fake.messages(GROUP).find((m) => m.message_id === prompt.message_id))).toEqual([]);
    expect(answersOf(store, "tg:1")).toBe(0);
    expect(store.getUser("tg:1")).toBeUndefined();
    expect(answersOf(store, "tg:2")).toBe(1);
    expect(store.rank({ scope: `tg:${GROUP}`, period: "all", key: "all" }, "tg:2")).toMatchObject({ rank: 1, players: 1 });

    // The same button again: the request is gone.
    fake.pushUpdate(fake.callbackQuery(group, alice, confirm!, prompt.message_id));
    await t.until(() => fake.callsOf("answerCallbackQuery").filter((c) => c.params.show_alert === true).length === 3 || undefined, "the stale alert");
    expect(fake.callsOf("answerCallbackQuery").at(-1)?.params.text).toBe("This request has expired and nothing was deleted. Send /forget again.");
  });

  it("cancels in a private chat, and is listed in the command menu", async () => {
    const t = await startTelegramHarness();
    h = t;
    const { fake } = t;
    await t.until(() => fake.commands("ru"), "the Russian menu");
    expect(fake.commands()?.find((c) => c.command === "forget")?.description).toBe("delete everything memquiz stores about you");
    expect(fake.commands("ru")?.find((c) => c.command === "forget")?.description).toBe("удалить всё, что memquiz хранит о вас");
    const ann = fake.user(501, "Ann", { languageCode: "ru" });
    const chat = fake.privateChat(ann);
    fake.pushUpdate(fake.message(chat, ann, "/forget"));
    const prompt = await t.until(() => fake.messages(ann.id).find((m) => m.from?.is_bot && tgButtons(m).length === 2), "the question");
    expect(prompt.text).toContain("Удалить ваши данные?");
    fake.pushUpdate(fake.callbackQuery(chat, ann, tgButtons(prompt)[1]!, prompt.message_id));
    const edited = await t.until(() => fake.callsOf("editMessageText")[0], "the outcome");
    expect(edited.params.text).toBe("Отменено. Ничего не удалено.");
  });
});

describe("/forget on Discord", () => {
  it("asks ephemerally, refuses another user's press, and deletes on the caller's", async () => {
    const d = await startDiscordHarness();
    h = d;
    const { fake } = d;
    const { store } = d.memquiz.runtime.deps;
    const ann = fake.user("833333333333333333", "ann", "Ann");
    const mel = fake.user("844444444444444444", "mel", "Mel");
    const practice = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "practice" }));
    const question = await d.until(() => fake.original(practice), "the practice question");
    const press = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: ann, customId: dcButtons(question)[0]!, messageId: question.id }));
    await d.until(() => fake.interaction(press)?.callbackTypes.length, "the answer");
    expect(answersOf(store, `dc:${ann.id}`)).toBe(1);

    const ask = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "forget" }));
    const prompt = await d.until(() => fake.original(ask), "the question");
    expect(prompt.flags).toBe(64);
    expect(prompt.content).toContain("Delete your data?");
    const [confirm, cancel] = dcButtons(prompt);
    expect(confirm).toMatch(/^mq:fg:y:[0-9a-z]+$/);
    expect(cancel).toMatch(/^mq:fg:n:[0-9a-z]+$/);

    // A forged press by Mel on Ann's question.
    const forged = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: mel, customId: confirm!, messageId: prompt.id }));
    const refusal = await d.until(() => fake.original(forged), "the refusal");
    expect(refusal.content).toBe("Only the person who sent /forget can answer this.");
    expect(refusal.flags).toBe(64);
    expect(answersOf(store, `dc:${ann.id}`)).toBe(1);

    const yes = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: ann, customId: confirm!, messageId: prompt.id }));
    await d.until(() => fake.interaction(yes)?.callbackTypes.length, "the confirmation");
    expect(fake.interaction(yes)?.callbackTypes).toEqual([7]);
    expect(fake.message(prompt.id)?.content?.replace(/\\/g, "")).toMatch(/^Done: your data is deleted \(1 answer/);
    expect(dcButtons(fake.message(prompt.id))).toEqual([]);
    expect(answersOf(store, `dc:${ann.id}`)).toBe(0);
    expect(store.getUser(`dc:${ann.id}`)).toBeUndefined();
  });
});
