import { Api, GrammyError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import type { RoundState } from "../../src/core/game/round.ts";
import { MAX_LISTED_PLAYERS } from "../../src/core/render/limits.ts";
import { startTelegramHarness, type TelegramBotHarness } from "../helpers/telegram-bot-harness.ts";
import { crowdAnswers } from "./crowd.ts";

// Guards against round results that list every player: with about 100 players the message went
// over Telegram's 4,096 characters, the Bot API refused it with 400 on every attempt, and the
// chat's outbox was held up until the message was dropped. Also guards the sender's last-resort
// cut, which keeps any over-long text or caption from being refused.

let h: TelegramBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PLAYERS = 5_000;

/** Plays one round question with 5,000 players in `chatId`, started by `starter` after `setup` (e.g. `/lang ru`). */
async function crowdRound(h: TelegramBotHarness, chatId: number, setup: string[]): Promise<number> {
  const { fake } = h;
  const group = fake.groupChat(chatId, "Big group");
  const starter = fake.user(7, "Starter");
  for (const text of [...setup, "/quiz 1"]) fake.pushUpdate(fake.message(group, starter, text));
  const { store, bank } = h.memquiz.runtime.deps;
  const session = await h.until(() => store.openSession<RoundState>(`tg:${chatId}`, "round"), "the round");
  await h.until(() => fake.callsOf("sendPoll").find((c) => Number(c.params["chat_id"]) === chatId), "the poll");
  const q = bank.byId(session.state.questionIds[0]!)!;
  const right = crowdAnswers(h.memquiz.runtime.app, store, { chatId: `tg:${chatId}`, userPrefix: "tg:", count: PLAYERS, answer: q.answer, options: q.options.length, openedAt: session.state.openedAt });
  h.time.advance(30_000);
  return right;
}

describe("a round with 5,000 players on Telegram", () => {
  it("posts its results and standings, in English and in Russian, within Telegram's limits", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const right = await crowdRound(h, -100_001, []);
    const results = await h.until(() => fake.messages(-100_001).find((m) => m.text?.startsWith("Time's up!")), "the results", 500);
    expect(results.text!.length).toBeLessThanOrEqual(4096);
    expect(results.text).toContain(`…and ${right - MAX_LISTED_PLAYERS} more players.`);
    expect(results.text).toContain(`${PLAYERS} players answered.`);
    const standings = await h.until(() => fake.messages(-100_001).find((m) => m.text?.startsWith("Round over!")), "the standings", 500);
    expect(standings.text).toContain(`…and ${PLAYERS - MAX_LISTED_PLAYERS} more players.`);

    const ruRight = await crowdRound(h, -100_002, ["/lang ru"]);
    const ru = await h.until(() => fake.messages(-100_002).find((m) => m.text?.startsWith("Время вышло!")), "the Russian results", 500);
    expect(ru.text!.length).toBeLessThanOrEqual(4096);
    expect(ru.text).toContain(`…и ещё ${ruRight - MAX_LISTED_PLAYERS} игроков.`);
    await h.until(() => fake.messages(-100_002).find((m) => m.text?.startsWith("Раунд окончен!")), "the Russian standings", 500);

    // Nothing was refused, so nothing waits in the outbox.
    expect(fake.calls.filter((c) => c.status === 400)).toEqual([]);
    expect(h.logs.filter((line) => line.includes("over Telegram's limit"))).toEqual([]);
  });

  it("cuts an over-long text or caption on a safe boundary before sending, and logs it once", async () => {
    h = await startTelegramHarness();
    const { fake } = h;
    const group = fake.groupChat(-100_003, "Big group");
    // The fake refuses what Telegram refuses: 4,097 Cyrillic characters, and a 1,025-character caption.
    const raw = new Api(fake.token, { apiRoot: fake.apiRoot });
    const refused = (call: Promise<unknown>) => call.then(() => undefined, (error: unknown) => (error as GrammyError).description);
    expect(await refused(raw.sendMessage(group.id, "ж".repeat(4097)))).toBe("Bad Request: message is too long");
    expect(await refused(raw.sendPhoto(group.id, "AgACAgIAAxkDAAI1", { caption: "ж".repeat(1025) }))).toBe("Bad Request: message caption is too long");
    // 4,096 visible characters pass, however long the HTML: entities count as one.
    await raw.sendMessage(group.id, `<b>${"&amp;".repeat(4096)}</b>`, { parse_mode: "HTML" });

    const { bot } = h.memquiz.adapters.telegram!;
    const html = `<b>${"Игрок &lt;1&gt; 🐍 ".repeat(400)}</b>`;
    const sent = await bot.api.sendMessage(group.id, html, { parse_mode: "HTML" });
    expect(sent.text!.length).toBeLessThanOrEqual(4096);
    expect(sent.text!.endsWith("…")).toBe(true);
    expect(sent.entities).toEqual([{ type: "bold", offset: 0, length: sent.text!.length }]);
    const photo = await bot.api.sendPhoto(group.id, "AgACAgIAAxkDAAI1", { caption: "ё".repeat(3000) });
    expect(photo.caption).toBe(`${"ё".repeat(1023)}…`);
    expect(h.logs.filter((line) => line.includes("over Telegram's limit"))).toHaveLength(2);
  });
});
