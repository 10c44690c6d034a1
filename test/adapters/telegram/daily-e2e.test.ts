import { afterEach, describe, expect, it } from "vitest";
import { scheduleDaily } from "../../../src/app/use-cases/daily-schedule.ts";
import { startTelegramHarness, type TelegramBotHarness } from "../../helpers/telegram-bot-harness.ts";

let h: TelegramBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CHATS = 200;
/** The harness clock starts at 2026-11-25 12:00 UTC; every chat posts at 13:00 UTC. */
const POST_AT = Date.UTC(2026, 10, 25, 13, 0);

describe("the daily question on Telegram (real grammY against a fake Bot API)", () => {
  it("posts to 200 chats due in the same minute, one quiz poll each with close_date, within Telegram's limits", async () => {
    h = await startTelegramHarness({}, { rateLimits: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
    const { fake, memquiz } = h;
    const { store } = memquiz.runtime.deps;
    const ids = Array.from({ length: CHATS }, (_, i) => -1_000_000 - i);
    store.transaction(() => {
      for (const id of ids) {
        fake.groupChat(id, `Group ${id}`);
        const chat = store.ensureChat(`tg:${id}`, "group");
        const enabled = { ...chat, settings: { ...chat.settings, daily: { enabled: true, time: "13:00", revealHours: 12 } } };
        store.updateChat(enabled);
        scheduleDaily(store, enabled, h!.time.clock.now());
      }
    });
    await memquiz.runtime.settle(); // re-arms the timer for the new deadline
    h.time.set(POST_AT);
    const polls = await h.until(() => {
      const calls = fake.callsOf("sendPoll").filter((c) => c.status === 200);
      return calls.length >= CHATS ? calls : undefined;
    }, "200 daily polls", 100);
    await memquiz.runtime.idle();

    expect(fake.rejected429).toBe(0);
    const perChat = new Map<number, number>();
    for (const call of polls) perChat.set(Number(call.params.chat_id), (perChat.get(Number(call.params.chat_id)) ?? 0) + 1);
    expect([...perChat.keys()].sort()).toEqual([...ids].sort());
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    for (const call of polls) {
      expect(call.params).toMatchObject({ type: "quiz", is_anonymous: false, close_date: POST_AT / 1000 + 12 * 3600 });
      expect(call.params.open_period).toBeUndefined();
    }
    // Nothing is left in the outbox, and a second pass posts nothing more.
    expect(store.pending(10)).toEqual([]);
    await memquiz.runtime.tick();
    expect(fake.callsOf("sendPoll").filter((c) => c.status === 200)).toHaveLength(CHATS);
  });

  it("reveals a daily question posted with /daily now: the poll is stopped and the reveal names who was right", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const group = fake.groupChat(-100_555, "Daily fans");
    const [olga, ann] = [fake.user(11, "Olga"), fake.user(12, "Ann")];
    fake.setChatMember(group.id, olga.id, "administrator");
    fake.pushUpdate(fake.message(group, ann, "/daily now"));
    fake.pushUpdate(fake.message(group, olga, "/daily now"));
    const pollCall = await h.until(() => fake.callsOf("sendPoll")[0], "the daily poll");
    expect(pollCall.params.close_date).toBe(Date.UTC(2026, 10, 26, 0, 0) / 1000);
    const refusal = await h.until(() => fake.messages(group.id).find((m) => m.text?.includes("Only chat admins")), "the refusal to Ann");
    expect(refusal).toBeDefined();
    const poll = [...fake.polls.values()][0]!;
    const correct = (pollCall.params.correct_option_ids as number[])[0]!;
    fake.pushUpdate(fake.pollAnswer(poll.id, ann, [correct]));
    const { store } = h.memquiz.runtime.deps;
    await h.until(() => store.sessionAnswers(store.openSession(`tg:${group.id}`, "daily")?.id ?? -1, 0).length === 1, "Ann's answer");
    h.time.advance(12 * 3_600_000);
    const reveal = await h.until(() => fake.messages(group.id).find((m) => m.text?.includes("Daily question of 2026-11-25")), "the reveal");
    expect(reveal.text).toMatch(/1\. Ann \+\d+ · streak 1 day/);
    expect(fake.callsOf("stopPoll")).toHaveLength(1);
  });
});
