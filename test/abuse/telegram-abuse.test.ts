import { afterEach, describe, expect, it } from "vitest";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { RoundState } from "../../src/core/game/round.ts";
import { startTelegramHarness, type TelegramBotHarness } from "../helpers/telegram-bot-harness.ts";

// Already covered elsewhere, not repeated here: /settings by a member (test/adapters/telegram/telegram-e2e.test.ts),
// /daily on by a member (test/adapters/telegram/daily-e2e.test.ts), a late poll vote and a second vote
// (telegram-e2e.test.ts), forged and stale practice buttons (telegram-e2e.test.ts).

let h: TelegramBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const GROUP = -100_999;
const CHAT = `tg:${GROUP}`;

function buttons(message: Message | undefined): string[] {
  const markup = message?.reply_markup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? b.callback_data : ""));
}

describe("abuse on Telegram (real grammY against the fake Bot API)", () => {
  it("keeps one round per chat; only its starter or an admin stops it; members can't change chat settings, only their own language", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const { store } = h.memquiz.runtime.deps;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const [alice, mel, olga] = [fake.user(1, "Alice"), fake.user(2, "Mel"), fake.user(3, "Olga")];
    fake.setChatMember(GROUP, olga.id, "administrator");
    const said = (text: string) => h!.until(() => fake.messages(GROUP).find((m) => m.from?.is_bot && m.text === text), `"${text}"`);

    fake.pushUpdate(fake.message(group, alice, "/quiz 3"));
    await h.until(() => fake.callsOf("sendPoll")[0], "the first poll");
    const round = store.openSession<RoundState>(CHAT, "round")!;
    fake.pushUpdate(fake.message(group, mel, "/quiz 1"));
    await said("A round is already running in this chat. /stop ends it.");
    fake.pushUpdate(fake.message(group, mel, "/stop"));
    await said("Only the player who started the round or a chat admin can stop it.");
    expect(store.getSession(round.id)?.status).toBe("open");
    expect(fake.callsOf("sendPoll")).toHaveLength(1);

    fake.pushUpdate(fake.message(group, mel, "/settings cards off"));
    fake.pushUpdate(fake.message(group, mel, "/settings lang ru"));
    fake.pushUpdate(fake.message(group, mel, "/daily off"));
    await h.until(() => fake.messages(GROUP).filter((m) => m.text === "Only chat admins can change settings.").length === 2 || undefined, "two refusals");
    await said("Only chat admins can change the daily question.");
    // /lang is the member's own language: the chat's stays as it was.
    fake.pushUpdate(fake.message(group, mel, "/lang ru"));
    await said("Язык: русский.");
    expect(store.getUser("tg:2")?.lang).toBe("ru");
    const chat = store.getChat(CHAT)!;
    expect(chat.lang).toBeNull();
    expect(chat.settings).toMatchObject({ roundSeconds: 30, roundQuestions: 5 });

    fake.pushUpdate(fake.message(group, olga, "/stop"));
    await h.until(() => (store.getSession(round.id)?.status === "stopped" ? true : undefined), "the admin's stop");
  });

  it("never scores a bot account's vote or an out-of-range option, and refuses a press on someone else's practice", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const { store } = h.memquiz.runtime.deps;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const [alice, bob, carol] = [fake.user(1, "Alice"), fake.user(2, "Bob"), fake.user(3, "Carol")];
    const robot = { ...fake.user(4, "Robo"), is_bot: true };
    fake.pushUpdate(fake.message(group, alice, "/quiz 1"));
    const pollCall = await h.until(() => fake.callsOf("sendPoll")[0], "the poll");
    const correct = (pollCall.params.correct_option_ids as number[])[0]!;
    const poll = [...fake.polls.values()][0]!;
    const round = store.openSession<RoundState>(CHAT, "round")!;
    const outcome = (update: number) => h!.until(() => h!.logs.find((l) => l.includes(`poll answer in update ${update}:`))?.split(": ").at(-1), `update ${update}`);

    expect(await outcome(fake.pushUpdate(fake.pollAnswer(poll.id, robot, [correct])))).toBe("bot");
    expect(await outcome(fake.pushUpdate(fake.pollAnswer(poll.id, carol, [99])))).toBe("bad-option");
    expect(await outcome(fake.pushUpdate(fake.pollAnswer(poll.id, alice, [correct])))).toBe("accepted");
    expect(await outcome(fake.pushUpdate(fake.pollAnswer(poll.id, bob, [correct])))).toBe("accepted");
    expect(store.sessionAnswers(round.id, 0).map((a) => a.userId).sort()).toEqual(["tg:1", "tg:2"]);
    h.time.advance(30_000);
    await h.until(() => fake.messages(GROUP).find((m) => m.text?.startsWith("Round over!")), "the standings", 250);
    const board = { scope: CHAT, period: "all" as const, key: "all" };
    expect(store.rank(board, "tg:4")).toBeUndefined();
    expect(store.rank(board, "tg:3")).toBeUndefined();
    expect(store.rank(board, "tg:1")?.players).toBe(2);

    // Ann's practice question; Mallory presses its button from his own chat.
    const ann = fake.user(501, "Ann");
    const mallory = fake.user(502, "Mallory");
    fake.pushUpdate(fake.message(fake.privateChat(ann), ann, "/practice"));
    const question = await h.until(() => fake.messages(ann.id).find((m) => m.from?.is_bot && buttons(m).length > 0), "Ann's question");
    const press = buttons(question)[0]!;
    fake.pushUpdate(fake.callbackQuery(fake.privateChat(mallory), mallory, press, question.message_id));
    const alert = await h.until(() => fake.callsOf("answerCallbackQuery").find((c) => c.params.show_alert === true), "the alert");
    expect(alert.params.text).toBe("That question is no longer open.");
    expect(store.topicProgress("tg:502")).toEqual([]);
    expect(store.topicProgress("tg:501")).toEqual([]);
  });
});
