import { afterEach, describe, expect, it } from "vitest";
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIMessage } from "discord.js";
import { runCli } from "../../../src/cli/run-cli.ts";
import { CHANNEL, GUILD, startDiscordHarness, type DiscordBotHarness } from "../../helpers/discord-bot-harness.ts";
import { startFakeDiscord } from "../../fakes/discord/index.ts";

let h: DiscordBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MANAGE_GUILD = 1n << 5n;

function buttonIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) =>
    (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components.map((b) => b.custom_id),
  );
}

function text(message: APIMessage | undefined): string {
  return [message?.content ?? "", ...(message?.embeds ?? []).map((e) => `${e.title ?? ""}\n${e.description ?? ""}`)].join("\n");
}

describe("memquiz on Discord (real discord.js against a fake gateway and REST API)", () => {
  it("plays ephemeral practice through /practice and button presses", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const ann = fake.user("833333333333333333", "ann", "Ann");
    const first = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "practice", options: { topic: "alpha" } }));
    const question = await h.until(() => fake.original(first), "the practice question");
    expect(question.flags).toBe(64);
    expect(text(question)).toMatch(/\*\*Practice · question 1\*\* · `\[alpha\/a\d\]`/);
    const ids = buttonIds(question);
    expect(ids).toHaveLength(4);
    expect(ids[0]).toMatch(/^mq:a:\d+:1:0$/);

    const press = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: ann, customId: ids[0]!, messageId: question.id }));
    await h.until(() => fake.interaction(press)?.callbackTypes.length, "the press to be answered");
    expect(fake.interaction(press)?.callbackTypes).toEqual([7]);
    const verdict = fake.message(question.id);
    expect(text(verdict)).toMatch(/Correct!|Not quite/);
    const next = buttonIds(verdict);
    expect(next).toEqual([expect.stringMatching(/^mq:n:\d+$/)]);

    // Pressing the answer again is stale now.
    const stale = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: ann, customId: ids[0]!, messageId: question.id }));
    await h.until(() => fake.interaction(stale)?.callbackTypes.length, "the stale press");
    expect(text(fake.original(stale))).toContain("That question is no longer open.");

    const nextPress = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: ann, customId: next[0]!, messageId: question.id }));
    await h.until(() => fake.interaction(nextPress)?.callbackTypes.length, "the next question");
    expect(text(fake.message(question.id))).toContain("Practice · question 2");
  });

  it("runs a channel round: a wrong press, a double press and a late press; then the edited message and the board", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const [alice, bob, carol, dave] = ["1", "2", "3", "4"].map((n) => fake.user(`84444444444444444${n}`, `user${n}`, ["Alice", "Bob", "Carol", "Dave"][Number(n) - 1]));
    const start = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: alice!, name: "quiz", options: { questions: 1, topic: "alpha" } }));
    await h.until(() => fake.original(start), "the round to start");
    expect(text(fake.original(start))).toContain("Round started: 1 question, 30 s each.");
    const post = await h.until(() => fake.messages(CHANNEL).find((m) => buttonIds(m).length > 0), "the round question");
    expect(text(post)).toMatch(/\*\*Question 1\/1 · 30 s\*\* · `\[alpha\/a\d\]`/);
    const questionId = /\[(alpha\/a\d)\]/.exec(text(post))?.[1] ?? "";
    const answer = h.memquiz.runtime.deps.bank.byId(questionId)!.answer;
    const ids = buttonIds(post);
    const press = (user: typeof alice, option: number) =>
      fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: user!, customId: ids[option]!, messageId: post.id }));
    const ephemeralText = async (id: string) => text(await h!.until(() => fake.original(id), `the answer to ${id}`));

    h.time.advance(2_000);
    // Correctness stays hidden until the close: only the letter is confirmed.
    expect(await ephemeralText(press(bob, (answer + 1) % 4))).toBe(`Answer locked in: ${String.fromCharCode(65 + ((answer + 1) % 4))}`);
    h.time.advance(2_000);
    expect(await ephemeralText(press(carol, answer))).toContain("Answer locked in:");
    expect(await ephemeralText(press(carol, (answer + 2) % 4))).toContain("You already answered this question");
    h.time.advance(26_000); // closes at 30 s
    const edited = await h.until(() => (text(fake.message(post.id)).includes("Time's up!") ? fake.message(post.id) : undefined), "the edited question");
    expect(buttonIds(edited)).toEqual([]);
    expect(text(edited)).toContain("1. Carol — 4.0 s, +");
    expect(text(edited)).toContain("2 players answered.");
    expect(await ephemeralText(press(dave, answer))).toContain("This question is closed.");
    await h.until(() => fake.messages(CHANNEL).find((m) => m.content?.includes("Round over!")), "the standings");

    const top = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: dave!, name: "top", options: { period: "week" } }));
    const board = text(await h.until(() => fake.original(top), "the leaderboard"));
    expect(board).toMatch(/1\s+Carol\s+\d+/);
    expect(board).not.toContain("Dave");
  });

  it("posts the daily question on demand as an embed with buttons, and reveals it 12 hours later", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const owner = fake.user("877777777777777777", "olga", "Olga");
    const mel = fake.user("888888888888888888", "mel", "Mel");
    const refused = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: mel, name: "daily", options: { action: "on" } }));
    expect(text(await h.until(() => fake.original(refused), "the refusal"))).toContain("Only chat admins can change the daily question.");
    fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: owner, name: "daily", options: { action: "now" }, permissions: MANAGE_GUILD }));
    const post = await h.until(() => fake.messages(CHANNEL).find((m) => buttonIds(m).length > 0), "the daily question");
    expect(text(post).replace(/\\/g, "")).toContain("Daily question · 2026-11-25 · answer until 00:00");
    const questionId = /\[((?:alpha|beta)\/[ab]\d)\]/.exec(text(post))?.[1] ?? "";
    const answer = h.memquiz.runtime.deps.bank.byId(questionId)!.answer;
    const press = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: mel, customId: buttonIds(post)[answer]!, messageId: post.id }));
    expect(text(await h.until(() => fake.original(press), "the answer"))).toContain("Answer locked in:");
    h.time.advance(12 * 3_600_000);
    const reveal = await h.until(() => fake.messages(CHANNEL).find((m) => m.content?.replace(/\\/g, "").includes("Daily question of 2026-11-25")), "the reveal");
    expect(reveal.content?.replace(/\\/g, "")).toMatch(/1\. Mel \+\d+ · streak 1 day/);
    expect(buttonIds(fake.message(post.id))).toEqual([]);
  });

  it("refuses /settings changes from a member without Manage Server", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const mel = fake.user("855555555555555555", "mel");
    const refused = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: mel, name: "settings", options: { key: "seconds", value: "60" } }));
    expect(text(await h.until(() => fake.original(refused), "the refusal"))).toContain("Only chat admins can change settings.");
    expect(fake.original(refused)?.flags).toBe(64);
    const owner = fake.user("866666666666666666", "olga");
    const saved = fake.dispatchInteraction(
      fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: owner, name: "settings", options: { key: "seconds", value: "60" }, permissions: MANAGE_GUILD }),
    );
    expect(text(await h.until(() => fake.original(saved), "the change"))).toContain("Saved.");
    expect(h.memquiz.runtime.deps.store.getChat(`dc:${CHANNEL}`)?.settings.roundSeconds).toBe(60);
  });

  it("handles an interaction Discord delivers twice only once, in Russian for a Russian client", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const ivan = fake.user("877777777777777777", "ivan");
    const payload = fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ivan, name: "help", locale: "ru" });
    const id = fake.dispatchInteraction(payload);
    await h.until(() => fake.original(id), "the reply");
    expect(text(fake.original(id))).toContain("Команды:");
    fake.dispatchInteraction(payload);
    const again = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ivan, name: "me" }));
    await h.until(() => fake.original(again), "the next reply");
    expect(fake.interaction(id)?.callbackTypes).toEqual([4]);
  });
});

describe("memquiz register-commands", () => {
  it("puts every command on the global route, or on one guild's", async () => {
    const fake = await startFakeDiscord();
    try {
      const out: string[] = [];
      const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s), isTTY: false };
      const env = { DISCORD_BOT_TOKEN: fake.token, DISCORD_API_ROOT: fake.apiRoot, DISCORD_APP_ID: fake.applicationId, MEMQUIZ_QUESTIONS: "test/fixtures/bank/game" };
      expect(await runCli(["register-commands"], { ...io, env })).toBe(0);
      expect(out.join("")).toContain(`Registered 12 commands globally (PUT /applications/${fake.applicationId}/commands)`);
      const [put] = fake.callsOf("PUT", /^\/applications\/\d+\/commands$/);
      const names = (put?.body as { name: string; name_localizations: { ru: string } }[]).map((c) => `${c.name}/${c.name_localizations.ru}`);
      expect(names).toEqual(["practice/тренировка", "review/повторение", "quiz/викторина", "stop/стоп", "daily/вопрос-дня", "top/лидеры", "me/прогресс", "settings/настройки", "lang/язык", "report/ошибка", "forget/забыть", "help/помощь"]);
      expect(await runCli(["register-commands", "--guild", GUILD], { ...io, env })).toBe(0);
      expect(fake.commands(GUILD).map((c) => c.name)).toHaveLength(12);
      expect(await runCli(["register-commands"], { ...io, env: { ...env, DISCORD_APP_ID: "" } })).toBe(2);
      expect(out.join("")).toContain("DISCORD_APP_ID is not set");
    } finally {
      await fake.close();
    }
  });
});

describe("sharding", () => {
  it("runs 2 shard processes through ShardingManager, both reaching READY on the fake gateway", async () => {
    h = await startDiscordHarness({ MEMQUIZ_DISCORD_SHARDS: "2", LOG_LEVEL: "warn" }, { shards: 2, maxConcurrency: 2 });
    await h.fake.waitForShards(2, 30_000);
    expect([...h.fake.shardsReady].sort()).toEqual([0, 1]);
    expect(h.fake.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
  }, 60_000);
});
