/**
 * A small fake of the Discord API for end-to-end tests: the real discord.js
 * client logs in to its gateway and calls its REST routes on 127.0.0.1, and
 * tests dispatch interactions, inject faults and inspect what the bot sent.
 *
 * ```ts
 * const fake = await startFakeDiscord({ guilds: [{ id: GUILD, channels: [{ id: CHANNEL }] }] });
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiRoot } });
 * await client.login(fake.token); // then wait for Events.ClientReady
 * fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: fake.user("1000…", "ann"), name: "quiz" }));
 * // ... assert on fake.callsOf("POST", /\/callback$/) or fake.messages(CHANNEL)
 * await client.destroy();
 * await fake.close();
 * ```
 */
import type { APIApplicationCommand, APIChatInputApplicationCommandInteraction, APIMessage, APIMessageComponentButtonInteraction, APIUser } from "discord.js";
import { buttonPress, slashCommand, type ButtonPressInput, type SlashCommandInput } from "./builders.ts";
import { FaultPlan, type Fault, type FaultTarget } from "./faults.ts";
import { FakeGateway, type GatewayConnection, type IdentifyRecord } from "./gateway.ts";
import { startHttpServer, type ApiCall } from "./http-server.ts";
import { userPayload } from "./payloads.ts";
import { RateLimiter, type RateLimits } from "./rate-limits.ts";
import { botRoutes } from "./routes-bot.ts";
import { channelRoutes } from "./routes-channels.ts";
import { commandRoutes } from "./routes-commands.ts";
import { interactionRoutes } from "./routes-interactions.ts";
import { FakeDiscordState, type GuildSetup, type InteractionRecord, type UploadRecord } from "./state.ts";

export type { ApiCall } from "./http-server.ts";
export type { ButtonPressInput, CommandOption, InteractionPlace, SlashCommandInput } from "./builders.ts";
export type { Fault, FaultTarget } from "./faults.ts";
export type { GatewayConnection, IdentifyRecord } from "./gateway.ts";
export type { RateLimits } from "./rate-limits.ts";
export type { GuildSetup, InteractionRecord, UploadRecord } from "./state.ts";
export { EVERYONE_PERMISSIONS } from "./payloads.ts";
export { shardOfGuild } from "./snowflakes.ts";

/** The default application (and bot user) id. */
export const FAKE_APPLICATION_ID = "123456789012345678";
/**
 * A realistic-looking bot token for an application id: like a real one, its
 * first segment is the base64 of the bot id (discord.js only uses the
 * segments to censor the token in debug logs).
 */
export function fakeToken(applicationId: string): string {
  return `${Buffer.from(applicationId).toString("base64")}.fake.signature-for-tests`;
}

/** The default token, for {@link FAKE_APPLICATION_ID}. */
export const FAKE_TOKEN = fakeToken(FAKE_APPLICATION_ID);

/** How to start a fake. */
export interface FakeDiscordOptions {
  /** The only token accepted, on REST (`Authorization: Bot <token>`) and in IDENTIFY; default `fakeToken(applicationId)`. */
  token?: string;
  /** The application and bot user id; default {@link FAKE_APPLICATION_ID}. */
  applicationId?: string;
  /** The bot's username; default "memquiz". */
  botName?: string;
  /** The recommended shard count `GET /gateway/bot` returns; default 1. */
  shards?: number;
  /** `session_start_limit.max_concurrency`; default 1 (discord.js then spaces a client's identifies 5 s apart). */
  maxConcurrency?: number;
  /** Guilds the bot is in: listed as unavailable in READY, then sent in GUILD_CREATE to their shard. */
  guilds?: GuildSetup[];
  /** The heartbeat interval HELLO announces; default 41250 ms, as Discord. */
  heartbeatIntervalMs?: number;
  /** Privileged intents the application may use (bitfield); default none, so asking for them closes with 4014. */
  privilegedIntents?: number;
  /** Enforced rate limits; off by default (headers are sent anyway). */
  rateLimits?: RateLimits;
  /** The clock (ms) for timestamps, snowflakes, interaction deadlines and rate limits; default `Date.now`. */
  now?: () => number;
}

/** A running fake Discord and the handles a test uses on it. */
export interface FakeDiscord {
  /** Pass as `new Client({ rest: { api: apiRoot } })`; discord.js appends `/v10/...`. */
  readonly apiRoot: string;
  /** The gateway URL `GET /gateway/bot` reports. */
  readonly gatewayUrl: string;
  /** The token the fake accepts. */
  readonly token: string;
  /** The application id (also the bot user's id). */
  readonly applicationId: string;
  /** The bot user, as READY and `GET /users/@me` report it. */
  readonly botUser: APIUser;
  /** Every REST request in arrival order, including refused ones. */
  readonly calls: readonly ApiCall[];
  /** The calls with `method` whose decoded path (after `/api/v10`) matches `path`. */
  callsOf(method: string, path: RegExp): ApiCall[];
  /** Builds a human user payload. */
  user(id: string, username: string, globalName?: string): APIUser;
  /** Builds a slash command interaction payload (not yet sent). */
  slashCommand(input: SlashCommandInput): APIChatInputApplicationCommandInteraction;
  /** Builds a button press payload (not yet sent); the message defaults to the fake's stored one. */
  buttonPress(input: ButtonPressInput): APIMessageComponentButtonInteraction;
  /**
   * Sends INTERACTION_CREATE to the shard that owns the guild (shard 0 for
   * DMs) and returns the interaction id. The same payload may be sent again
   * to test idempotency; its answers are still tracked once.
   */
  dispatchInteraction(payload: APIChatInputApplicationCommandInteraction | APIMessageComponentButtonInteraction): string;
  /** Sends any dispatch event to a shard (default 0). */
  dispatch(event: string, data: unknown, shardId?: number): void;
  /** What the fake knows of an interaction's answers: callback types, original and follow-ups. */
  interaction(id: string): InteractionRecord | undefined;
  /** A channel's current messages (not ephemeral ones), oldest first, after edits and deletions. */
  messages(channelId: string): APIMessage[];
  /** An interaction's original response (reply, deferred reply, or the updated component message), in its current state. */
  original(interactionId: string): APIMessage | undefined;
  /** A message by id, ephemeral ones included, in its current state. */
  message(id: string): APIMessage | undefined;
  /** Files the bot attached to messages Discord accepted, in order, bytes included. */
  readonly uploads: readonly UploadRecord[];
  /** Registered commands: global, or for one guild. */
  commands(guildId?: string): APIApplicationCommand[];
  /** Injects `fault` into the next `times` (default 1) REST calls matching `target`. */
  failNext(target: FaultTarget, fault: Fault, times?: number): void;
  /** How many requests the enforced rate limits refused with 429 (injected 429s are not counted). */
  readonly rejected429: number;
  /** Every IDENTIFY the gateway accepted. */
  readonly identifies: readonly IdentifyRecord[];
  /** Every gateway socket opened, with its query string. */
  readonly gatewayConnections: readonly GatewayConnection[];
  /** Shard ids that identified and got READY, sorted. */
  readonly shardsReady: readonly number[];
  /** How many RESUMEs succeeded. */
  readonly resumes: number;
  /** Resolves once `count` distinct shards have been READY (default timeout 10 s). */
  waitForShards(count: number, timeoutMs?: number): Promise<void>;
  /** Sends op 7 Reconnect to a shard; discord.js reconnects and resumes. */
  requestReconnect(shardId: number): void;
  /** Closes a shard's socket with a close code. */
  closeShard(shardId: number, code: number): void;
  /** Stops the servers; delayed answers go out at once and every connection, WebSockets included, is cut. */
  close(): Promise<void>;
}

/** Starts a fake Discord API and gateway on 127.0.0.1 at a free port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? FAKE_APPLICATION_ID;
  const token = options.token ?? fakeToken(applicationId);
  const now = options.now ?? Date.now;
  const botUser = { ...userPayload(applicationId, options.botName ?? "memquiz"), bot: true } as APIUser;
  const state = new FakeDiscordState(botUser, applicationId, now);
  for (const guild of options.guilds ?? []) state.addGuild(guild);
  let gatewayUrl = "";
  const gateway = new FakeGateway({
    token,
    state,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privilegedIntents: options.privilegedIntents ?? 0,
    url: () => gatewayUrl,
  });
  const faults = new FaultPlan();
  const limiter = new RateLimiter(options.rateLimits ?? {}, now);
  const calls: ApiCall[] = [];
  const info = { gatewayUrl, shards: options.shards ?? 1, maxConcurrency: options.maxConcurrency ?? 1 };
  const routes = [...botRoutes(info), ...interactionRoutes, ...channelRoutes, ...commandRoutes];
  const server = await startHttpServer({ token, routes, state, gateway, faults, limiter, calls });
  gatewayUrl = info.gatewayUrl = `ws://127.0.0.1:${server.port}`;

  return {
    apiRoot: `http://127.0.0.1:${server.port}/api`,
    gatewayUrl,
    token,
    applicationId,
    botUser,
    calls,
    callsOf: (method, path) => calls.filter((c) => c.method === method.toUpperCase() && c.path.search(path) !== -1),
    user: (id, username, globalName) => userPayload(id, username, globalName ?? null),
    slashCommand: (input) => slashCommand(state, input),
    buttonPress: (input) => buttonPress(state, input),
    dispatchInteraction(payload) {
      state.registerInteraction(payload);
      gateway.dispatch(gateway.shardFor(payload.guild_id), "INTERACTION_CREATE", payload);
      return payload.id;
    },
    dispatch: (event, data, shardId = 0) => gateway.dispatch(shardId, event, data),
    interaction: (id) => state.interactions.get(id),
    messages: (channelId) => state.messagesIn(channelId),
    original: (interactionId) => state.messages.get(state.interactions.get(interactionId)?.originalId ?? ""),
    message: (id) => state.messages.get(id),
    uploads: state.uploads,
    commands: (guildId) => state.commands.get(guildId ?? "global") ?? [],
    failNext: (target, fault, times) => faults.add(target, fault, times),
    get rejected429() {
      return limiter.rejected;
    },
    identifies: gateway.identifies,
    gatewayConnections: gateway.connections,
    get shardsReady() {
      return [...gateway.shardsReady].sort((a, b) => a - b);
    },
    get resumes() {
      return gateway.resumes;
    },
    waitForShards: (count, timeoutMs = 10_000) => gateway.waitForShards(count, timeoutMs),
    requestReconnect: (shardId) => gateway.requestReconnect(shardId),
    closeShard: (shardId, code) => gateway.closeShard(shardId, code),
    close: () => server.close(),
  };
}
