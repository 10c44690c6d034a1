import type { APIApplicationCommand, APIMessage, APIUser } from "discord.js";
import type { UploadedFile } from "./request-body.ts";
import { SnowflakeSource } from "./snowflakes.ts";

/** A channel the fake knows: from a configured guild, from a DM interaction, or first seen in a request. */
export interface ChannelRecord {
  /** The channel id. */
  id: string;
  /** Discord's channel type: 0 guild text, 1 DM. */
  type: number;
  /** The channel's name (guild channels only). */
  name?: string;
  /** The guild the channel belongs to, if any. */
  guildId?: string;
  /** The other side of a DM. */
  recipient?: APIUser;
}

/** A file the bot attached to a message that Discord accepted. */
export interface UploadRecord {
  /** The message it is attached to, and where that message is. */
  messageId: string;
  channelId: string;
  /** The attachment's id on the message. */
  attachmentId: string;
  /** The file as uploaded, bytes included. */
  file: UploadedFile;
}

/** A guild the bot is in, as a test configures it. */
export interface GuildSetup {
  /** The guild id (a snowflake; it decides the shard). */
  id: string;
  /** The guild's name; defaults to "Guild <id>". */
  name?: string;
  /** Its text channels; defaults to one channel named "general". */
  channels?: { id: string; name?: string; type?: number }[];
  /** The owner's user id; defaults to a fixed fake user. */
  ownerId?: string;
  /** The guild's preferred locale; defaults to "en-US". */
  locale?: string;
}

/** One interaction the fake dispatched, and how the bot has answered it so far. */
export interface InteractionRecord {
  /** The interaction id. */
  readonly id: string;
  /** Its token, which authorizes the callback and webhook routes. */
  readonly token: string;
  /** 2 for application commands, 3 for components. */
  readonly type: number;
  /** The channel it happened in. */
  readonly channelId: string;
  /** The guild, for guild interactions. */
  readonly guildId: string | undefined;
  /** Who acted. */
  readonly user: APIUser;
  /** The command name, for application commands. */
  readonly commandName: string | undefined;
  /** For components: the message the component sits on, as the payload carried it. */
  readonly sourceMessage: APIMessage | undefined;
  /** When the fake first dispatched it (fake clock, ms); callbacks are due within 3 s of it. */
  readonly createdAt: number;
  /** The callback types the bot sent, in order; only the first was accepted. */
  readonly callbackTypes: number[];
  /** The id of the "original" response message, once there is one. */
  originalId: string | undefined;
  /** Follow-up message ids, in order. */
  readonly followUpIds: string[];
}

/**
 * Everything the fake Discord API remembers: guilds and channels, messages
 * after edits (ephemeral ones included but kept out of channel listings),
 * interactions and their responses, and registered commands.
 *
 * Shared by the REST routes, the gateway and the builders so that a button
 * press and the message it sits on agree.
 */
export class FakeDiscordState {
  /** Makes ids on the fake's clock. */
  readonly snowflakes: SnowflakeSource;
  /** Guilds the bot is in, by id. */
  readonly guilds = new Map<string, GuildSetup>();
  /** Known channels, by id. */
  readonly channels = new Map<string, ChannelRecord>();
  /** Every message that exists now, by id. */
  readonly messages = new Map<string, APIMessage>();
  /** Dispatched interactions, by id. */
  readonly interactions = new Map<string, InteractionRecord>();
  /** Registered commands: key "global" or a guild id, then commands in registration order. */
  readonly commands = new Map<string, APIApplicationCommand[]>();
  /** Files attached to accepted messages, in order. */
  readonly uploads: UploadRecord[] = [];

  constructor(
    /** The bot user. */
    readonly botUser: APIUser,
    /** The application id (the same as the bot user's id, as for every modern bot). */
    readonly applicationId: string,
    /** The fake's clock in milliseconds. */
    readonly now: () => number,
  ) {
    this.snowflakes = new SnowflakeSource(now);
  }

  /** Adds a guild and its channels. */
  addGuild(guild: GuildSetup): void {
    this.guilds.set(guild.id, guild);
    for (const channel of guildChannels(guild)) {
      this.channels.set(channel.id, { id: channel.id, type: channel.type ?? 0, name: channel.name ?? "general", guildId: guild.id });
    }
  }

  /** A known channel, or a guild text channel of unknown guild recorded now (the fake is lenient about channel ids). */
  channel(id: string): ChannelRecord {
    const known = this.channels.get(id);
    if (known) return known;
    const created: ChannelRecord = { id, type: 0, name: `channel-${id.slice(-4)}` };
    this.channels.set(id, created);
    return created;
  }

  /** Remembers a DM channel with a user, as a DM interaction reveals it. */
  knowDm(channelId: string, recipient: APIUser): ChannelRecord {
    const record: ChannelRecord = { id: channelId, type: 1, recipient };
    this.channels.set(channelId, record);
    return record;
  }

  /** A channel's current messages (not ephemeral ones), oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.channel_id === channelId && ((m.flags ?? 0) & EPHEMERAL) === 0)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /**
   * Remembers an interaction about to be dispatched so that its callback and
   * webhook routes work. Dispatching the same id again keeps its state (a
   * second answer still gets 40060), as Discord would after a redelivery.
   */
  registerInteraction(payload: DispatchedInteraction): InteractionRecord {
    const known = this.interactions.get(payload.id);
    if (known) return known;
    const user = payload.member?.user ?? payload.user;
    if (!user) throw new TypeError("an interaction needs member.user (guild) or user (DM)");
    const channelId = payload.channel?.id ?? payload.channel_id;
    if (!channelId) throw new TypeError("an interaction needs channel.id or channel_id");
    if (payload.guild_id === undefined && payload.channel?.type === 1) this.knowDm(channelId, user);
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      channelId,
      guildId: payload.guild_id,
      user,
      commandName: payload.type === 2 ? (payload.data as { name?: string } | undefined)?.name : undefined,
      sourceMessage: payload.message,
      createdAt: this.now(),
      callbackTypes: [],
      originalId: undefined,
      followUpIds: [],
    };
    this.interactions.set(payload.id, record);
    return record;
  }

  /** The interaction holding a token, if any. */
  interactionByToken(token: string): InteractionRecord | undefined {
    for (const record of this.interactions.values()) if (record.token === token) return record;
    return undefined;
  }
}

/** The fields of an INTERACTION_CREATE payload the fake relies on. */
export interface DispatchedInteraction {
  id: string;
  token: string;
  type: number;
  guild_id?: string | undefined;
  channel_id?: string | undefined;
  channel?: { id: string; type: number } | undefined;
  member?: { user?: APIUser | undefined } | undefined;
  user?: APIUser | undefined;
  data?: object | undefined;
  message?: APIMessage | undefined;
}

/** MessageFlags.Ephemeral. */
export const EPHEMERAL = 1 << 6;

/** A guild's channels with defaults filled in. */
export function guildChannels(guild: GuildSetup): { id: string; name?: string; type?: number }[] {
  // A guild always has a channel; its default id is the guild id, as in guilds created long ago.
  return guild.channels ?? [{ id: guild.id, name: "general", type: 0 }];
}
