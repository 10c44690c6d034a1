import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Logger } from "../../app/logger.ts";
import { createCardDrawer } from "../../cards/index.ts";
import type { Runtime } from "../../app/runtime.ts";
import type { TimerPort } from "../../app/ticker.ts";
import { createInteractionHandler } from "./interactions.ts";
import { createDiscordSink } from "./outbox-sink.ts";

/** How the Discord bot connects. */
export interface DiscordOptions {
  readonly token: string;
  /** Another REST root (discord.js asks it for the gateway URL too). */
  readonly apiRoot?: string | undefined;
  /** How long one REST request may take before discord.js abandons and retries it; default 15 s. */
  readonly requestTimeoutMs?: number | undefined;
  readonly runtime: Runtime;
  readonly log: Logger;
  readonly timers: TimerPort;
}

/** A running Discord bot. */
export interface DiscordBot {
  readonly client: Client<true>;
  /** Stops taking interactions, waits for those in flight, and disconnects. */
  stop(): Promise<void>;
}

/**
 * Starts memquiz on Discord with only the Guilds intent: answers are button
 * presses, so no privileged intent is needed. Under discord.js's
 * ShardingManager the client picks up its shard from the environment.
 */
export async function startDiscordBot(options: DiscordOptions): Promise<DiscordBot> {
  const { runtime, log } = options;
  const rest = { ...(options.apiRoot ? { api: options.apiRoot } : {}), ...(options.requestTimeoutMs ? { timeout: options.requestTimeoutMs } : {}) };
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest });
  const handle = createInteractionHandler({ runtime, log, timers: options.timers });
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    inFlight++;
    void handle(interaction).finally(() => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
  });
  client.on(Events.Error, (error) => log.error(`discord: client error: ${error.message}`));
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(options.token);
  const readyClient = await ready;
  const { bank, store, clock } = runtime.deps;
  runtime.addSink("dc", createDiscordSink({ rest: client.rest, bank, store, clock, drawCard: createCardDrawer(log), log }));
  const shards = client.shard ? ` (shards ${client.shard.ids.join(",")} of ${client.shard.count})` : "";
  log.info(`discord: signed in as ${readyClient.user.tag}${shards}`);
  return {
    client: readyClient,
    async stop() {
      stopping = true;
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      log.debug("discord: disconnecting");
      await client.destroy();
      log.debug("discord: disconnected");
    },
  };
}
