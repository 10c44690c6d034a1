import type { APIEmbed, APIMessage } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { fitMessageBody } from "../../src/adapters/discord/body-limits.ts";
import type { RoundState } from "../../src/core/game/round.ts";
import { MAX_LISTED_PLAYERS } from "../../src/core/render/limits.ts";
import { CHANNEL, GUILD, startDiscordHarness, type DiscordBotHarness } from "../helpers/discord-bot-harness.ts";
import { crowdAnswers } from "./crowd.ts";

// Guards against round results that list every player: on Discord the results embed (cut to
// 4,096) plus the question's embed could pass 6,000 characters, and the standings could pass
// 2,000 in content; Discord refused them with 50035 on every attempt. Also guards the sender's
// last-resort cut.

let h: DiscordBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PLAYERS = 5_000;

function text(message: APIMessage | undefined): string {
  return [message?.content ?? "", ...(message?.embeds ?? []).map((e) => e.description ?? "")].join("\n");
}

/** Sends a message body to the fake as the bot would, and returns Discord's status and JSON answer. */
async function post(h: DiscordBotHarness, body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${h.fake.apiRoot}/v10/channels/${CHANNEL}/messages`, {
    method: "POST",
    headers: { authorization: `Bot ${h.fake.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("a round with 5,000 players on Discord", () => {
  it("edits the question into results and posts standings within Discord's limits", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const alice = fake.user("844444444444444441", "alice", "Alice");
    fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: alice, name: "quiz", options: { questions: 1, topic: "alpha" } }));
    const { store, bank } = h.memquiz.runtime.deps;
    const session = await h.until(() => store.openSession<RoundState>(`dc:${CHANNEL}`, "round"), "the round");
    const post = await h.until(() => fake.messages(CHANNEL).find((m) => (m.components ?? []).length > 0), "the round question");
    const q = bank.byId(session.state.questionIds[0]!)!;
    const right = crowdAnswers(h.memquiz.runtime.app, store, { chatId: `dc:${CHANNEL}`, userPrefix: "dc:", count: PLAYERS, answer: q.answer, options: q.options.length, openedAt: session.state.openedAt });
    h.time.advance(30_000);

    const edited = await h.until(() => (text(fake.message(post.id)).includes("Time's up!") ? fake.message(post.id) : undefined), "the results", 500);
    expect(text(edited)).toContain(`and ${right - MAX_LISTED_PLAYERS} more players.`);
    const standings = await h.until(() => fake.messages(CHANNEL).find((m) => m.content?.includes("Round over!")), "the standings", 500);
    expect(standings.content!.length).toBeLessThanOrEqual(2000);
    expect(standings.content).toContain(`and ${PLAYERS - MAX_LISTED_PLAYERS} more players.`);
    expect(fake.calls.filter((c) => c.status === 400)).toEqual([]);
    expect(h.logs.filter((line) => line.includes("over Discord's limits"))).toEqual([]);
  });

  it("refuses over-long bodies with 50035 like Discord, and accepts them once cut to fit", async () => {
    h = await startDiscordHarness();
    const content = `**Итоги**\n\`\`\`\n${"Игрок 🐍 1 000\n".repeat(200)}\`\`\``;
    const tooLong = await post(h, { content });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json).toMatchObject({ code: 50035, message: "Invalid Form Body", errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } });
    const embeds: APIEmbed[] = [{ description: "в".repeat(4000) }, { description: "г".repeat(4096) }];
    const tooBig = await post(h, { embeds });
    expect(tooBig.json).toMatchObject({ code: 50035, errors: { embeds: { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED" }] } } });

    const cuts: string[] = [];
    const fitted = fitMessageBody({ content, embeds }, (what) => cuts.push(what));
    expect(cuts).toHaveLength(1);
    // The open code fence is closed after the cut, so the rest of the message still renders.
    expect(fitted.content.endsWith("```…")).toBe(true);
    expect((await post(h, fitted)).status).toBe(200);
  });
});
