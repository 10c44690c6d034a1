import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { InlineKeyboardMarkup, Message, User } from "grammy/types";
import type { RoundState } from "../../src/core/game/round.ts";
import { startTelegramHarness, type TelegramBotHarness } from "../helpers/telegram-bot-harness.ts";
import { diffSnapshots, snapshot } from "./db-snapshot.ts";
import { createFuzz } from "./fuzz-gen.ts";

/**
 * Bad input end to end: updates through the fake Bot API into the real grammY
 * bot: commands with odd arguments and plain text from many users in a group
 * with an open round and in their private chats, garbage and foreign
 * `callback_data` (including presses on the victim's practice and /forget
 * buttons), and votes on the open poll with options out of range or from bot
 * accounts. Allowed to change: new `users` and `chats` rows, new
 * `processed_updates` keys, and `reports` on the open round question (see
 * fuzz-app.test.ts); everything else must be byte-identical.
 */
const UPDATES = 700;
const GROUP = -100_321;

let h: TelegramBotHarness | undefined;
let dir = "";
afterEach(async () => {
  await h?.close();
  h = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function buttons(message: Message | undefined): string[] {
  const markup = message?.reply_markup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? b.callback_data : ""));
}

describe("fuzzing memquiz on Telegram", () => {
  it(`survives ${UPDATES} bad updates, changes nothing it shouldn't, and still answers`, async () => {
    dir = mkdtempSync(join(tmpdir(), "memquiz-fuzz-tg-"));
    const path = join(dir, "memquiz.db");
    h = await startTelegramHarness({ MEMQUIZ_DB: path, MEMQUIZ_ROUND_SECONDS: "3600", LOG_LEVEL: "debug" });
    const t = h;
    const { fake } = t;
    const { store } = t.memquiz.runtime.deps;
    const fuzz = createFuzz(4242);
    const group = fake.groupChat(GROUP, "Fuzzers");
    const [starter, p1, victim] = [fake.user(1, "Starter"), fake.user(2, "Player"), fake.user(3, "Victim")];
    fake.pushUpdate(fake.message(group, starter, "/quiz 3"));
    const pollCall = await t.until(() => fake.callsOf("sendPoll")[0], "the poll");
    const poll = [...fake.polls.values()][0]!;
    const correct = (pollCall.params.correct_option_ids as number[])[0]!;
    fake.pushUpdate(fake.pollAnswer(poll.id, p1, [correct]));
    const round = store.openSession<RoundState>(`tg:${GROUP}`, "round")!;
    await t.until(() => store.sessionAnswers(round.id, 0).length === 1 || undefined, "the player's vote");
    const victimChat = fake.privateChat(victim);
    fake.pushUpdate(fake.message(victimChat, victim, "/practice"));
    fake.pushUpdate(fake.message(victimChat, victim, "/forget"));
    const practiceMessage = await t.until(() => fake.messages(victim.id).find((m) => buttons(m)[0]?.startsWith("a:")), "the victim's question");
    const forgetMessage = await t.until(() => fake.messages(victim.id).find((m) => buttons(m)[0]?.startsWith("fg:")), "the victim's /forget");
    const sessionIds = [round.id, Number(buttons(practiceMessage)[0]!.split(":")[1])];
    const victimButtons = [...buttons(practiceMessage).map((b) => b.replace(/:(\d)$/, ":9")), ...buttons(forgetMessage)];

    const db = new Database(path, { readonly: true });
    const before = snapshot(db);
    const users: User[] = Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? { ...fake.user(1000 + i, `Bot${i}`), is_bot: true } : fake.user(1000 + i, fuzz.odd().slice(0, 64) || "F")));
    // Messages and human votes are claimed by update id (idempotency); every press gets answerCallbackQuery.
    let claimed = 0;
    let presses = 0;
    const answered = () => fake.callsOf("answerCallbackQuery").length;
    const pressesBefore = answered();
    for (let i = 0; i < UPDATES; i++) {
      t.time.advance(50);
      const user = fuzz.pick(users);
      const chat = fuzz.int(2) === 0 ? group : fake.privateChat(user);
      const kind = fuzz.pick(["message", "message", "message", "callback", "callback", "vote"] as const);
      if (kind === "message") {
        fake.pushUpdate(fake.message(chat, user, fuzz.int(4) === 0 ? fuzz.text() : fuzz.command()));
        claimed++;
      } else if (kind === "callback") {
        // Presses on the victim's own messages (forged from another chat), or anywhere with garbage.
        const onVictim = fuzz.int(3) === 0;
        const data = onVictim ? fuzz.pick(victimButtons) : fuzz.callbackData(sessionIds);
        fake.pushUpdate(fake.callbackQuery(onVictim ? victimChat : chat, user, data, onVictim ? fuzz.pick([practiceMessage, forgetMessage]).message_id : 1 + fuzz.int(50)));
        presses++;
      } else {
        // Humans vote out of range; bot accounts may vote for the right answer: neither counts.
        fake.pushUpdate(fake.pollAnswer(poll.id, user, user.is_bot ? [correct] : [fuzz.pick([4, 9, 99, 2 ** 31 - 1])]));
        if (!user.is_bot) claimed++;
      }
    }
    const keys = () => db.prepare<[], number>("SELECT COUNT(*) FROM processed_updates").pluck().get() ?? 0;
    const base = before.get("processed_updates")?.length ?? 0;
    await t.until(() => keys() >= base + claimed || undefined, `${claimed} updates claimed`, 0);
    await t.until(() => answered() >= pressesBefore + presses || undefined, `${presses} presses answered`, 0);
    const ann = fake.user(9_999, "Ann");
    fake.pushUpdate(fake.message(fake.privateChat(ann), ann, "/help"));
    await t.until(() => fake.messages(ann.id).find((m) => m.text?.includes("Commands:")), "a normal reply after the fuzz");
    await t.memquiz.runtime.settle();

    const changes = diffSnapshots(before, snapshot(db));
    db.close();
    for (const table of ["users", "chats", "processed_updates", "reports"]) expect(changes.get(table)?.gone ?? [], `${table} rows changed`).toEqual([]);
    const unexpected = [...changes.keys()].filter((table) => !["users", "chats", "processed_updates", "reports"].includes(table));
    expect(unexpected, JSON.stringify(Object.fromEntries([...changes].filter(([table]) => unexpected.includes(table)))).slice(0, 3000)).toEqual([]);
    expect(store.sessionAnswers(round.id, 0).map((a) => a.userId)).toEqual(["tg:2"]);
    expect(t.logs.filter((line) => / failed: /.test(line)), "handler errors").toEqual([]);
    console.log(`fuzz-telegram: ${UPDATES} updates, ${fake.calls.length} Bot API calls`);
  }, 60_000);
});
