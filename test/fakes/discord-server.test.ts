import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonInteraction,
  ButtonStyle,
  ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
  TextChannel,
  type ClientOptions,
  type Interaction,
} from "discord.js";
import { once } from "node:events";
import { WebSocket } from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { EVERYONE_PERMISSIONS, shardOfGuild, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "./discord/index.ts";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const GUILD = "1100000000000000001";
const CHANNEL = "1100000000000000002";
const DM = "1300000000000000001";
let fake: FakeDiscord | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = fake = undefined;
});

/** A fake with one guild and channel on a clock the test moves, and a logged-in, ready discord.js client. */
async function setup(options: Omit<FakeDiscordOptions, "now"> = {}, clientOptions: Partial<ClientOptions> = {}) {
  let now = T0;
  const f = (fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: "Memory Lane", channels: [{ id: CHANNEL, name: "quiz" }] }], ...options, now: () => now }));
  const c = (client = new Client({ intents: [GatewayIntentBits.Guilds], ...clientOptions, rest: { api: f.apiRoot, ...clientOptions.rest } }));
  const ready = once(c, Events.ClientReady);
  await c.login(f.token);
  await ready;
  const ann = f.user("1200000000000000001", "ann", "Ann");
  return { fake: f, client: c, ann, advance: (ms: number) => void (now += ms) };
}

/** Dispatches an interaction payload and resolves with what discord.js made of it. */
async function deliver(f: FakeDiscord, c: Client, payload: Parameters<FakeDiscord["dispatchInteraction"]>[0]): Promise<Interaction> {
  const next = once(c, Events.InteractionCreate) as Promise<[Interaction]>;
  f.dispatchInteraction(payload);
  return (await next)[0];
}

/** The error a call rejects with. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable("the call should have failed"),
    (error: unknown) => error,
  );
}

describe("the fake Discord API, driven by the real discord.js client", () => {
  it("logs in over REST and the gateway: gateway/bot, HELLO, IDENTIFY, READY and GUILD_CREATE, in well under 3 s", async () => {
    const started = performance.now();
    const { fake, client } = await setup();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(client.user?.id).toBe(fake.applicationId);
    expect(client.application?.id).toBe(fake.applicationId);
    // discord.js asks REST for the gateway only; READY carries the user and the application.
    expect(fake.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(["GET /gateway/bot 200"]);
    expect(fake.gatewayConnections).toEqual([{ version: "10", encoding: "json", compress: null }]);
    expect(fake.identifies).toMatchObject([{ shard: [0, 1], intents: GatewayIntentBits.Guilds, compress: false }]);
    expect(fake.shardsReady).toEqual([0]);
    const channel = client.channels.cache.get(CHANNEL);
    expect(channel).toBeInstanceOf(TextChannel);
    expect(client.guilds.cache.get(GUILD)?.name).toBe("Memory Lane");
    expect(client.guilds.cache.get(GUILD)?.members.me?.id).toBe(fake.applicationId);
  });

  it("refuses a wrong token (login fails with TokenInvalid) and answers unknown routes like Discord", async () => {
    fake = await startFakeDiscord();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiRoot } });
    const error = await failure(client.login("d3Jvbmc.wrong.token"));
    expect(error).toMatchObject({ code: "TokenInvalid" });
    const unknown = await fetch(`${fake.apiRoot}/v10/channels/${CHANNEL}/telepathy`, { headers: { Authorization: `Bot ${fake.token}` } });
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: "404: Not Found", code: 0 }]);
    const anonymous = await fetch(`${fake.apiRoot}/v10/gateway/bot`);
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { message: "401: Unauthorized", code: 0 }]);
  });

  it("delivers a slash command as a ChatInputCommandInteraction and records an ephemeral reply (type 4, flags 64)", async () => {
    const { fake, client, ann } = await setup();
    const payload = fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "quiz", options: { count: 3, topic: "gc" }, locale: "de" });
    const interaction = await deliver(fake, client, payload);
    expect(interaction).toBeInstanceOf(ChatInputCommandInteraction);
    const command = interaction as ChatInputCommandInteraction;
    expect([command.commandName, command.options.getInteger("count"), command.options.getString("topic"), command.locale]).toEqual(["quiz", 3, "gc", "de"]);
    expect([command.guildId, command.channelId, command.user.id, command.inCachedGuild()]).toEqual([GUILD, CHANNEL, ann.id, true]);
    expect(command.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);

    await command.reply({ content: "Only you can see this", flags: MessageFlags.Ephemeral });
    const [callback] = fake.callsOf("POST", /^\/interactions\/\d+\/[^/]+\/callback$/);
    expect(callback).toMatchObject({ status: 204, query: { with_response: "false" }, body: { type: 4, data: { content: "Only you can see this", flags: 64 } } });
    const original = fake.original(command.id);
    expect(original).toMatchObject({ content: "Only you can see this", flags: 64, type: 20, interaction_metadata: { id: command.id, name: "quiz" } });
    // Ephemeral messages are not channel messages.
    expect(fake.messages(CHANNEL)).toEqual([]);

    const admin = fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "settings", permissions: EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageGuild });
    expect(((await deliver(fake, client, admin)) as ChatInputCommandInteraction).memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
  });

  it("defers, edits @original (percent-encoded by discord.js, decoded here) and posts a follow-up", async () => {
    const { fake, client, ann } = await setup();
    const command = (await deliver(fake, client, fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "quiz" }))) as ChatInputCommandInteraction;
    await command.deferReply();
    expect(fake.messages(CHANNEL)[0]).toMatchObject({ content: "", flags: 128 }); // "memquiz is thinking…"
    const edited = await command.editReply({ content: "Q1: what does sys.getrefcount return?", embeds: [{ title: "Question 1" }] });
    expect(edited.content).toBe("Q1: what does sys.getrefcount return?");
    await command.followUp("Next question in 10 s");
    const token = fake.interaction(command.id)?.token;
    expect(fake.calls.slice(1).map((c) => `${c.method} ${c.path.replace(token ?? "?", ":token")} ${c.status}`)).toEqual([
      `POST /interactions/${command.id}/:token/callback 204`,
      `PATCH /webhooks/${fake.applicationId}/:token/messages/@original 200`,
      `POST /webhooks/${fake.applicationId}/:token 200`,
    ]);
    expect(fake.calls[1]?.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(fake.messages(CHANNEL)).toMatchObject([
      { content: "Q1: what does sys.getrefcount return?", flags: 0, edited_timestamp: null, embeds: [{ type: "rich", title: "Question 1" }] },
      { content: "Next question in 10 s", webhook_id: fake.applicationId },
    ]);
    // The rest of the webhook routes: fetch the original, edit a follow-up by id, delete the original.
    expect((await command.fetchReply()).content).toBe("Q1: what does sys.getrefcount return?");
    const followUp = fake.messages(CHANNEL)[1];
    await command.editReply({ message: followUp?.id ?? "", content: "Next question in 5 s" });
    await command.deleteReply();
    expect(fake.messages(CHANNEL)).toMatchObject([{ id: followUp?.id, content: "Next question in 5 s" }]);
    expect(await failure(command.fetchReply())).toMatchObject({ status: 404, code: 10008 });
  });

  it("returns the callback response with withResponse, and refuses a callback after Discord's 3 s", async () => {
    const { fake, client, ann, advance } = await setup();
    const first = (await deliver(fake, client, fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "top" }))) as ChatInputCommandInteraction;
    const response = await first.reply({ content: "Leaderboard", withResponse: true });
    expect(response.resource?.message?.content).toBe("Leaderboard");
    expect(response.interaction.responseMessageEphemeral).toBe(false);
    const late = (await deliver(fake, client, fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "top" }))) as ChatInputCommandInteraction;
    advance(3001);
    expect(await failure(late.reply("too late"))).toMatchObject({ status: 404, code: 10062, message: "Unknown interaction" });
  });

  it("delivers a button press as a ButtonInteraction, applies update (type 7), and answers a second reply with 40060", async () => {
    const { fake, client, ann } = await setup();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("ans:1:a").setLabel("A").setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setCustomId("ans:1:b").setLabel("B").setStyle(ButtonStyle.Secondary),
    );
    const question = await (client.channels.cache.get(CHANNEL) as TextChannel).send({ content: "Q1", components: [row] });
    const payload = fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: ann, customId: "ans:1:b", messageId: question.id });
    const press = (await deliver(fake, client, payload)) as ButtonInteraction;
    expect(press).toBeInstanceOf(ButtonInteraction);
    expect([press.customId, press.message.id, press.message.content, (press.component as { label?: string | null }).label]).toEqual(["ans:1:b", question.id, "Q1", "B"]);

    await press.update({ content: "Q1 — closed", components: [] });
    expect(fake.calls.at(-1)?.body).toMatchObject({ type: 7, data: { content: "Q1 — closed", components: [] } });
    expect(fake.messages(CHANNEL)).toMatchObject([{ id: question.id, content: "Q1 — closed", components: [] }]);

    // Discord may deliver an interaction twice; the second answer is refused.
    const again = (await deliver(fake, client, payload)) as ButtonInteraction;
    const error = await failure(again.reply({ content: "Counted", flags: MessageFlags.Ephemeral }));
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: 40060, message: "Interaction has already been acknowledged." });
    expect(fake.interaction(payload.id)?.callbackTypes).toEqual([7, 4]);
  });

  it("edits the button's message through @original after deferUpdate (type 6)", async () => {
    const { fake, client, ann } = await setup();
    const sent = (await client.rest.post(Routes.channelMessages(CHANNEL), { body: { content: "Practice Q1" } })) as { id: string };
    const press = (await deliver(fake, client, fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: ann, customId: "prac:next", messageId: sent.id }))) as ButtonInteraction;
    await press.deferUpdate();
    await press.editReply({ content: "Practice Q2" });
    expect(fake.calls.at(-2)?.body).toEqual({ type: 6 });
    expect(fake.messages(CHANNEL)).toMatchObject([{ id: sent.id, content: "Practice Q2", edited_timestamp: expect.any(String) }]);
  });

  it("delivers a DM command with a top-level user and no member, and knows the DM channel afterwards", async () => {
    const { fake, client, ann } = await setup();
    const dm = (await deliver(fake, client, fake.slashCommand({ channelId: DM, user: ann, name: "practice" }))) as ChatInputCommandInteraction;
    expect([dm.inGuild(), dm.guildId, dm.channelId, dm.user.id, dm.memberPermissions, dm.context]).toEqual([false, null, DM, ann.id, null, 1]);
    await dm.reply("Let's practise");
    expect(fake.messages(DM)).toMatchObject([{ content: "Let's practise", type: 20 }]);
    const channel = await client.channels.fetch(DM);
    expect(channel?.isDMBased()).toBe(true);
  });

  it("sends, edits and deletes channel messages, multipart attachments included", async () => {
    const { fake, client, advance } = await setup();
    const channel = client.channels.cache.get(CHANNEL) as TextChannel;
    const sent = await channel.send({ content: "Round 1", files: [new AttachmentBuilder(Buffer.from("x".repeat(300)), { name: "chart.txt" })] });
    expect(fake.calls.at(-1)).toMatchObject({ method: "POST", path: `/channels/${CHANNEL}/messages`, body: { content: "Round 1" }, files: [{ name: "chart.txt", size: 300 }] });
    expect(sent.attachments.first()).toMatchObject({ name: "chart.txt", size: 300 });
    advance(5000);
    const edited = await sent.edit({ content: "Round 1 — over" });
    expect(edited.editedTimestamp).toBe(T0 + 5000);
    expect(fake.messages(CHANNEL)).toMatchObject([{ content: "Round 1 — over", attachments: [{ filename: "chart.txt" }] }]);
    await edited.delete();
    expect(fake.messages(CHANNEL)).toEqual([]);
    expect(await failure(client.rest.get(Routes.channelMessage(CHANNEL, sent.id)))).toMatchObject({ status: 404, code: 10008 });
  });

  it("refuses what Discord refuses: long content, too many rows or buttons, long labels, custom ids and embeds, empty messages", async () => {
    const { client } = await setup();
    const button = (label: string, id: string) => ({ type: 2, style: 1, label, custom_id: id });
    const row = (...components: object[]) => ({ type: 1, components });
    const cases: [object, string[]][] = [
      [{ content: "x".repeat(2001) }, ["content"]],
      [{ content: "q", components: Array.from({ length: 6 }, (_, i) => row(button("A", `r${i}`))) }, ["components"]],
      [{ content: "q", components: [row(...Array.from({ length: 6 }, (_, i) => button("A", `b${i}`)))] }, ["components", "0", "components"]],
      [{ content: "q", components: [row(button("L".repeat(81), "a"))] }, ["components", "0", "components", "0", "label"]],
      [{ content: "q", components: [row(button("A", "c".repeat(101)))] }, ["components", "0", "components", "0", "custom_id"]],
      [{ embeds: [{ title: "t".repeat(257), description: "d".repeat(4097) }] }, ["embeds", "0", "title"]],
    ];
    for (const [body, path] of cases) {
      const error = (await failure(client.rest.post(Routes.channelMessages(CHANNEL), { body }))) as DiscordAPIError;
      expect([error.status, error.code, error.message.split("\n")[0]]).toEqual([400, 50035, "Invalid Form Body"]);
      let node: unknown = (error.rawError as { errors: unknown }).errors;
      for (const key of path) node = (node as Record<string, unknown>)[key];
      expect(node).toMatchObject({ _errors: [{ code: expect.stringMatching(/^BASE_TYPE_/) }] });
    }
    expect(await failure(client.rest.post(Routes.channelMessages(CHANNEL), { body: { content: "" } }))).toMatchObject({ status: 400, code: 50006 });
  });

  it("stores commands from bulk overwrites, globally and per guild, keeping ids of same-named commands", async () => {
    const { fake, client, ann } = await setup();
    const quiz = { name: "quiz", description: "Start a quiz", options: [{ type: 4, name: "count", description: "How many" }] };
    const set = await client.application?.commands.set([quiz, { name: "top", description: "Leaderboard" }]);
    expect(set?.map((c) => c.name).sort()).toEqual(["quiz", "top"]);
    const firstId = fake.commands().find((c) => c.name === "quiz")?.id;
    await client.rest.put(Routes.applicationCommands(fake.applicationId), { body: [quiz] });
    expect(fake.commands()).toMatchObject([{ id: firstId, name: "quiz", application_id: fake.applicationId, default_member_permissions: null }]);
    await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, GUILD), { body: [{ name: "settings", description: "Channel settings", default_member_permissions: "32" }] });
    expect(fake.commands(GUILD)).toMatchObject([{ name: "settings", guild_id: GUILD, default_member_permissions: "32" }]);
    expect(await client.rest.get(Routes.applicationGuildCommands(fake.applicationId, GUILD))).toHaveLength(1);
    const bad = await failure(client.rest.put(Routes.applicationCommands(fake.applicationId), { body: [{ name: "Quiz Now", description: "x" }] }));
    expect(bad).toMatchObject({ status: 400, code: 50035 });
    // A dispatched command carries the registered id.
    const command = (await deliver(fake, client, fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "quiz" }))) as ChatInputCommandInteraction;
    expect(command.commandId).toBe(firstId);
  });

  it("sends rate-limit headers, and discord.js waits out an injected 429 and sends once", async () => {
    const { fake, client } = await setup();
    const raw = await fetch(`${fake.apiRoot}/v10/channels/${CHANNEL}/messages`, {
      method: "POST",
      headers: { Authorization: `Bot ${fake.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ content: "headers" }),
    });
    expect(Object.fromEntries([...raw.headers].filter(([k]) => k.startsWith("x-ratelimit")))).toEqual({
      "x-ratelimit-limit": "50",
      "x-ratelimit-remaining": "49",
      "x-ratelimit-reset": ((T0 + 1000) / 1000).toFixed(3),
      "x-ratelimit-reset-after": "1.000",
      "x-ratelimit-bucket": expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    fake.failNext(/^POST \/channels\/\d+\/messages$/, { kind: "429", retryAfter: 0.2 });
    const started = performance.now();
    await client.rest.post(Routes.channelMessages(CHANNEL), { body: { content: "Q1" } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    expect(fake.callsOf("POST", /\/messages$/).map((c) => c.status)).toEqual([200, 429, 200]);
    expect(fake.messages(CHANNEL).map((m) => m.content)).toEqual(["headers", "Q1"]);
    expect(fake.rejected429).toBe(0);
  });

  it("enforces opt-in limits with Discord's 429 body and headers, per route and globally, on the fake clock", async () => {
    let now = T0;
    fake = await startFakeDiscord({ rateLimits: { perRoute: { limit: 2, windowMs: 1000 }, globalPerSecond: 3 }, now: () => now });
    const post = (channel: string) =>
      fetch(`${fake?.apiRoot}/v10/channels/${channel}/messages`, { method: "POST", headers: { Authorization: `Bot ${fake?.token}`, "Content-Type": "application/json" }, body: '{"content":"x"}' });
    expect((await post(CHANNEL)).status).toBe(200);
    expect((await post(CHANNEL)).headers.get("x-ratelimit-remaining")).toBe("0");
    const limited = await post(CHANNEL);
    expect([limited.status, limited.headers.get("retry-after"), limited.headers.get("x-ratelimit-scope"), await limited.json()]).toEqual([
      429,
      "1",
      "user",
      { message: "You are being rate limited.", retry_after: 1, global: false },
    ]);
    expect((await post(DM)).status).toBe(200); // another channel is another bucket
    const global = await post("1100000000000000003");
    expect([global.status, global.headers.get("x-ratelimit-global"), global.headers.get("x-ratelimit-scope")]).toEqual([429, "true", "global"]);
    now += 1000;
    expect((await post(CHANNEL)).status).toBe(200);
    expect(fake.rejected429).toBe(2);
  });

  it("lets discord.js retry a single 500, surfaces a 500 when retries are off, drops and delays answers on request", async () => {
    const { fake, client } = await setup();
    fake.failNext("*", { kind: "500" });
    await client.rest.post(Routes.channelMessages(CHANNEL), { body: { content: "retried" } });
    expect(fake.calls.slice(1).map((c) => c.status)).toEqual([500, 200]);
    const strict = new REST({ api: fake.apiRoot, retries: 0 }).setToken(fake.token);
    fake.failNext(/^POST /, { kind: "500" });
    const error = await failure(strict.post(Routes.channelMessages(CHANNEL), { body: { content: "lost" } }));
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({ status: 500 });
    fake.failNext(/^POST /, { kind: "drop" });
    expect(await failure(strict.post(Routes.channelMessages(CHANNEL), { body: { content: "dropped" } }))).toBeInstanceOf(Error);
    // A delayed answer: the message exists before the client hears back.
    fake.failNext(/^POST /, { kind: "delay", ms: 150 });
    const slow = strict.post(Routes.channelMessages(CHANNEL), { body: { content: "slow" } });
    await expect.poll(() => fake.messages(CHANNEL).length).toBe(2);
    expect(fake.calls.at(-1)?.status).toBe(0);
    await slow;
    expect(fake.calls.at(-1)?.status).toBe(200);
    expect(fake.messages(CHANNEL).map((m) => m.content)).toEqual(["retried", "slow"]);
  });

  it("speaks the gateway protocol: heartbeat ACK, and Discord's close codes for bad sessions", async () => {
    fake = await startFakeDiscord({ heartbeatIntervalMs: 45_000 });
    const open = (query: string, first?: object) => {
      const socket = new WebSocket(`${fake?.gatewayUrl}/?${query}`);
      const frames: { op: number; d: unknown }[] = [];
      socket.on("message", (data) => frames.push(JSON.parse(String(data)) as { op: number; d: unknown }));
      if (first) socket.on("open", () => socket.send(JSON.stringify(first)));
      return { socket, frames, closed: once(socket, "close").then(([code]) => code as number) };
    };
    const ok = open("v=10&encoding=json", { op: 1, d: null });
    await expect.poll(() => ok.frames.map((f) => f.op)).toEqual([10, 11]);
    expect(ok.frames[0]?.d).toMatchObject({ heartbeat_interval: 45_000 });
    ok.socket.close(1000);
    const identify = (d: object) => ({ op: 2, d: { token: fake?.token, intents: 1, properties: {}, ...d } });
    const cases: [string, object, number][] = [
      ["v=9&encoding=json", { op: 1, d: null }, 4012],
      ["v=10&encoding=json", { op: 3, d: {} }, 4003],
      ["v=10&encoding=json", identify({ token: "wrong" }), 4004],
      ["v=10&encoding=json", identify({ shard: [2, 2] }), 4010],
      ["v=10&encoding=json", identify({ intents: GatewayIntentBits.MessageContent }), 4014],
    ];
    for (const [query, first, code] of cases) expect(await open(query, first).closed).toBe(code);
  });

  it("resumes after op 7 and replays a dispatch sent while the shard was away", async () => {
    const { fake, client, ann } = await setup();
    const resumed = once(client, Events.ShardResume);
    fake.requestReconnect(0);
    await resumed;
    expect(fake.resumes).toBe(1);
    const next = once(client, Events.InteractionCreate) as Promise<[Interaction]>;
    fake.closeShard(0, 4000); // an unknown error: discord.js resumes
    const id = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "quiz" }));
    expect((await next)[0].id).toBe(id);
    expect(fake.resumes).toBe(2);
    expect(fake.identifies).toHaveLength(1);
  });

  it("follows gateway/bot's shard count with shards: 'auto', and routes a guild's interaction to its shard", async () => {
    const onShard = (shard: number) => String(((300_000_000_000n + BigInt(shard)) << 22n) as bigint);
    const guilds = [0, 1].map((shard) => ({ id: onShard(shard), channels: [{ id: `14000000000000000${shard}1` }] }));
    expect(guilds.map((g) => shardOfGuild(g.id, 2))).toEqual([0, 1]);
    const { fake, client, ann } = await setup({ shards: 2, maxConcurrency: 2, guilds }, { shards: "auto" });
    expect(fake.shardsReady).toEqual([0, 1]);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const shardOf = new Promise<number>((resolve) => client.on(Events.Raw, (packet: { t: string }, shardId: number) => packet.t === "INTERACTION_CREATE" && resolve(shardId)));
    const guild = guilds[1] as { id: string; channels: { id: string }[] };
    await deliver(fake, client, fake.slashCommand({ guildId: guild.id, channelId: guild.channels[0]?.id ?? "", user: ann, name: "quiz" }));
    expect(await shardOf).toBe(1);
    expect(client.guilds.cache.get(guild.id)?.shardId).toBe(1);
  });

  it("closes promptly after the client is destroyed", async () => {
    const { fake, client } = await setup();
    const started = performance.now();
    await client.destroy();
    await fake.close();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
