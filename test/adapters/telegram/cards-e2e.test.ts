import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { chatTitleKey } from "../../../src/app/chat-titles.ts";
import { sentCardProblems } from "../../cards/image-check.ts";
import { startTelegramHarness, type TelegramBotHarness } from "../../helpers/telegram-bot-harness.ts";

let h: TelegramBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const GROUP = -100_888;

/** The uploaded PNG behind a photo message the fake stored. */
function uploadOf(message: Message | undefined): Buffer {
  const upload = h?.fake.uploads.find((u) => u.messageId === message?.message_id && u.chatId === message?.chat.id);
  if (!upload) throw new Error(`no upload for message ${message?.message_id}`);
  return upload.file.bytes;
}

const botPhoto = (messages: Message[], caption: string) => messages.find((m) => m.from?.is_bot && m.photo && m.caption?.includes(caption));

describe("picture cards on Telegram (real grammY against a fake Bot API)", () => {
  it("sends /me and /top as photos with the text version as the caption", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const ann = fake.user(501, "Ann", { languageCode: "en" });
    fake.pushUpdate(fake.message(fake.privateChat(ann), ann, "/me"));
    const me = await h.until(() => botPhoto(fake.messages(ann.id), "Progress — Ann"), "the /me photo");
    expect(me.caption).toContain("No answers yet.");
    expect(sentCardProblems(uploadOf(me))).toEqual([]);
    expect(fake.uploads[0]?.file).toMatchObject({ filename: "me.png" });
    // The photo's sizes are read from the PNG itself: the largest is the card, 800 px wide.
    expect(me.photo?.at(-1)?.width).toBe(800);

    const group = fake.groupChat(GROUP, "Pythonistas");
    fake.pushUpdate(fake.message(group, ann, "/top all"));
    const top = await h.until(() => botPhoto(fake.messages(GROUP), "Top — all time"), "the /top photo");
    expect(top.caption).toContain("No points yet in this period.");
    expect(sentCardProblems(uploadOf(top))).toEqual([]);
    expect(fake.callsOf("sendMessage")).toHaveLength(0);
    // The group's title is remembered for cards made without a request (season results).
    expect(h.memquiz.runtime.deps.store.getRef(chatTitleKey(`tg:${GROUP}`))).toBe("Pythonistas");
  });

  it("sends text only once an admin turns cards off, and only an admin may", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const [mel, olga] = [fake.user(7, "Mel"), fake.user(8, "Olga")];
    fake.setChatMember(GROUP, olga.id, "creator");
    fake.pushUpdate(fake.message(group, mel, "/settings cards off"));
    await h.until(() => fake.messages(GROUP).find((m) => m.text === "Only chat admins can change settings."), "the refusal");
    fake.pushUpdate(fake.message(group, olga, "/settings cards maybe"));
    const bad = await h.until(() => fake.messages(GROUP).find((m) => m.text?.startsWith("Can't set cards")), "the bad value");
    expect(bad.text).toContain("use on (pictures for /me, /top and season results) or off (text only). Nothing was changed.");
    fake.pushUpdate(fake.message(group, olga, "/settings cards off"));
    await h.until(() => fake.messages(GROUP).find((m) => m.text === "Saved."), "the change");
    fake.pushUpdate(fake.message(group, mel, "/me"));
    fake.pushUpdate(fake.message(group, mel, "/top"));
    await h.until(() => fake.messages(GROUP).find((m) => m.text?.startsWith("Top — this week")), "the text board");
    expect(fake.messages(GROUP).find((m) => m.text?.startsWith("Progress — Mel"))).toBeDefined();
    expect(fake.callsOf("sendPhoto")).toHaveLength(0);
    expect(fake.uploads).toHaveLength(0);
  });

  it("falls back to the text when Telegram refuses the photo", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const ann = fake.user(501, "Ann");
    fake.failNext("sendPhoto", { kind: "400", description: "Bad Request: IMAGE_PROCESS_FAILED" });
    fake.pushUpdate(fake.message(fake.privateChat(ann), ann, "/me"));
    const text = await h.until(() => fake.messages(ann.id).find((m) => m.from?.is_bot && m.text?.startsWith("Progress — Ann")), "the text instead");
    expect(text.photo).toBeUndefined();
    expect(fake.callsOf("sendPhoto").map((c) => c.status)).toEqual([400]);
    expect(h.logs.some((l) => l.includes("the me card was refused (400 Bad Request: IMAGE_PROCESS_FAILED); sent the text instead"))).toBe(true);
  });

  it("posts a closed season's results as a photo with the standings as its caption", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const group = fake.groupChat(GROUP, "Pythonistas");
    const [olga, ann] = [fake.user(11, "Olga"), fake.user(12, "Ann")];
    fake.setChatMember(GROUP, olga.id, "administrator");
    fake.pushUpdate(fake.message(group, olga, "/daily on"));
    await h.until(() => fake.messages(GROUP).some((m) => m.from?.is_bot), "the daily question switched on");
    fake.pushUpdate(fake.message(group, olga, "/daily now"));
    const pollCall = await h.until(() => fake.callsOf("sendPoll")[0], "the daily poll");
    const poll = [...fake.polls.values()][0]!;
    fake.pushUpdate(fake.pollAnswer(poll.id, ann, [(pollCall.params.correct_option_ids as number[])[0]!]));
    const { store } = h.memquiz.runtime.deps;
    await h.until(() => store.sessionAnswers(store.openSession(`tg:${GROUP}`, "daily")?.id ?? -1, 0).length === 1, "Ann's answer");
    h.time.advance(12 * 3_600_000); // the reveal scores Ann in week 2026-W48
    await h.until(() => fake.messages(GROUP).find((m) => m.text?.includes("Daily question of 2026-11-25")), "the reveal");

    // Monday's post closes week 48 first.
    h.time.set(Date.UTC(2026, 10, 30, 9, 0));
    const season = await h.until(() => botPhoto(fake.messages(GROUP), "Week 2026-W48 is over!"), "the season photo", 1_000);
    expect(season.caption).toMatch(/Winner: Ann with \d+ points\./);
    expect(season.caption).toMatch(/1\s+Ann\s+\d+/);
    expect(sentCardProblems(uploadOf(season))).toEqual([]);
    expect(fake.uploads.find((u) => u.messageId === season.message_id)?.file.filename).toBe("season.png");
  });
});
