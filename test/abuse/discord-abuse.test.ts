import { afterEach, describe, expect, it } from "vitest";
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIMessage, APIUser } from "discord.js";
import type { RoundState } from "../../src/core/game/round.ts";
import { CHANNEL, GUILD, startDiscordHarness, type DiscordBotHarness } from "../helpers/discord-bot-harness.ts";

// Already covered elsewhere, not repeated here: /settings and /daily on by a member without Manage Server,
// a double press and a late press on a round question (test/adapters/discord/discord-e2e.test.ts).

let h: DiscordBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MANAGE_GUILD = 1n << 5n;
const CHAT = `dc:${CHANNEL}`;

function buttonIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components.map((b) => b.custom_id));
}

describe("abuse on Discord (real discord.js against the fake gateway and REST API)", () => {
  it("keeps one round per channel; only its starter or a Manage Server member stops it; members can't change channel settings", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const { store } = h.memquiz.runtime.deps;
    const [alice, mel, olga] = [fake.user("811000000000000001", "alice"), fake.user("811000000000000002", "mel"), fake.user("811000000000000003", "olga")];
    const run = async (user: APIUser, name: string, options: Record<string, string | number> = {}, permissions?: bigint) => {
      const id = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user, name, options, ...(permissions ? { permissions } : {}) }));
      return (await h!.until(() => fake.original(id), `/${name}`)).content ?? "";
    };

    expect(await run(alice, "quiz", { questions: 3 })).toContain("Round started");
    const round = store.openSession<RoundState>(CHAT, "round")!;
    expect(await run(mel, "quiz", { questions: 1 })).toBe("A round is already running in this chat. /stop ends it.");
    expect(await run(mel, "stop")).toBe("Only the player who started the round or a chat admin can stop it.");
    expect(store.getSession(round.id)?.status).toBe("open");
    expect(await run(mel, "settings", { key: "lang", value: "ru" })).toBe("Only chat admins can change settings.");
    expect(await run(mel, "settings", { key: "cards", value: "off" })).toBe("Only chat admins can change settings.");
    expect(await run(mel, "daily", { action: "off" })).toBe("Only chat admins can change the daily question.");
    // /lang is the member's own language; the channel's stays.
    expect(await run(mel, "lang", { language: "ru" })).toBe("Язык: русский.");
    expect(store.getUser(`dc:${mel.id}`)?.lang).toBe("ru");
    expect(store.getChat(CHAT)?.lang).toBeNull();
    expect(store.getChat(CHAT)?.settings).toMatchObject({ roundSeconds: 30, roundQuestions: 5 });

    await run(olga, "stop", {}, MANAGE_GUILD);
    expect(store.getSession(round.id)?.status).toBe("stopped");
  });

  it("never scores a bot account's press or an out-of-range option, and refuses a press on someone else's practice", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const { store } = h.memquiz.runtime.deps;
    const [alice, bob, carol] = ["1", "2", "3"].map((n) => fake.user(`81200000000000000${n}`, `user${n}`));
    const robot: APIUser = { ...fake.user("812000000000000009", "robo"), bot: true };
    fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: alice!, name: "quiz", options: { questions: 1 } }));
    const post = await h.until(() => fake.messages(CHANNEL).find((m) => buttonIds(m).length > 0), "the round question");
    const round = store.openSession<RoundState>(CHAT, "round")!;
    const answer = h.memquiz.runtime.deps.bank.byId(round.state.questionIds[0]!)!.answer;
    const press = async (user: APIUser, customId: string) => {
      const id = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user, customId, messageId: post.id }));
      return (await h!.until(() => fake.original(id), `the press by ${user.username}`)).content ?? "";
    };

    await press(robot, buttonIds(post)[answer]!);
    expect(await press(carol!, `mq:r:${round.id}:0:9`)).toMatch(/^Answer with a number from 1 to/);
    await press(alice!, buttonIds(post)[answer]!);
    await press(bob!, buttonIds(post)[answer]!);
    expect(store.sessionAnswers(round.id, 0).map((a) => a.userId).sort()).toEqual([`dc:${alice!.id}`, `dc:${bob!.id}`]);
    h.time.advance(30_000);
    await h.until(() => fake.messages(CHANNEL).find((m) => m.content?.includes("Round over!")), "the standings");
    const board = { scope: CHAT, period: "all" as const, key: "all" };
    expect(store.rank(board, `dc:${robot.id}`)).toBeUndefined();
    expect(store.rank(board, `dc:${alice!.id}`)?.players).toBe(2);

    // Ann's ephemeral practice; Mallory forges a press on it.
    const [ann, mallory] = [fake.user("812000000000000011", "ann"), fake.user("812000000000000012", "mallory")];
    const ask = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "practice" }));
    const question = await h.until(() => fake.original(ask), "Ann's question");
    const forged = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: mallory, customId: buttonIds(question)[0]!, messageId: question.id }));
    expect((await h.until(() => fake.original(forged), "the refusal")).content).toBe("That question is no longer open.");
    expect(store.topicProgress(`dc:${ann.id}`)).toEqual([]);
    expect(store.topicProgress(`dc:${mallory.id}`)).toEqual([]);
  });
});
