import type { APIChatInputApplicationCommandInteraction, APIMessage, APIMessageComponentButtonInteraction, APIUser } from "discord.js";
import { authorOf } from "./messages.ts";
import { EVERYONE_PERMISSIONS } from "./payloads.ts";
import { isoTimestamp } from "./snowflakes.ts";
import type { FakeDiscordState } from "./state.ts";

/** A slash command option: `type` is Discord's ApplicationCommandOptionType (3 string, 4 integer, 5 boolean, 10 number, 1 subcommand...). */
export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: CommandOption[];
}

/** Where and by whom an interaction happens; without `guildId` it is a DM with the bot. */
export interface InteractionPlace {
  /** The guild, or none for a DM. */
  guildId?: string;
  /** The channel (in a DM: the DM channel's id). */
  channelId: string;
  /** Who acts. */
  user: APIUser;
  /** The member's permissions (guilds only); default @everyone's, which lack ManageGuild (1 << 5). */
  permissions?: bigint | string;
  /** Extra fields for the guild member, e.g. `{ roles: ["..."], nick: "Ann" }`. */
  member?: Record<string, unknown>;
  /** The user's client locale; default "en-US". */
  locale?: string;
  /** The bot's permissions in the channel (`app_permissions`); default @everyone's. */
  appPermissions?: bigint | string;
  /** Reuse an id, e.g. to build the same interaction again; default a new snowflake. */
  id?: string;
}

/** A slash command invocation. */
export interface SlashCommandInput extends InteractionPlace {
  /** The command name. */
  name: string;
  /** Options as Discord sends them, or a shorthand record (strings → 3, integers → 4, other numbers → 10, booleans → 5). */
  options?: CommandOption[] | Record<string, string | number | boolean>;
}

/** A press on a button of a message. */
export interface ButtonPressInput extends InteractionPlace {
  /** The button's custom_id. */
  customId: string;
  /** The message the button is on. */
  messageId: string;
  /** Overrides for that message; by default the fake's stored message, or a bot message holding just this button. */
  message?: Partial<APIMessage>;
}

function optionsFrom(input: SlashCommandInput["options"]): CommandOption[] | undefined {
  if (input === undefined || Array.isArray(input)) return input;
  return Object.entries(input).map(([name, value]) => ({
    name,
    value,
    type: typeof value === "string" ? 3 : typeof value === "boolean" ? 5 : Number.isInteger(value) ? 4 : 10,
  }));
}

/** The fields every interaction shares: ids, token, place, member or user, locale and permissions. */
function base(state: FakeDiscordState, place: InteractionPlace): Record<string, unknown> {
  const id = place.id ?? state.snowflakes.next();
  const permissions = String(place.permissions ?? EVERYONE_PERMISSIONS);
  const common = {
    id,
    application_id: state.applicationId,
    token: Buffer.from(`interaction:${id}:fake-token-for-tests`).toString("base64url"),
    version: 1,
    locale: place.locale ?? "en-US",
    app_permissions: String(place.appPermissions ?? EVERYONE_PERMISSIONS),
    entitlements: [],
    attachment_size_limit: 10_485_760,
    channel_id: place.channelId,
  };
  if (place.guildId === undefined) {
    return {
      ...common,
      user: place.user,
      context: 1,
      authorizing_integration_owners: { "0": "0" },
      channel: { id: place.channelId, type: 1, flags: 0, last_message_id: null, recipients: [place.user], recipient_flags: 0 },
    };
  }
  const guild = state.guilds.get(place.guildId);
  const channel = state.channels.get(place.channelId);
  const locale = guild?.locale ?? "en-US";
  return {
    ...common,
    guild_id: place.guildId,
    guild_locale: locale,
    guild: { id: place.guildId, locale, features: [] },
    context: 0,
    authorizing_integration_owners: { "0": place.guildId },
    channel: {
      id: place.channelId,
      type: channel?.type ?? 0,
      guild_id: place.guildId,
      name: channel?.name ?? "general",
      flags: 0,
      nsfw: false,
      parent_id: null,
      permissions,
      position: 0,
      rate_limit_per_user: 0,
      topic: null,
      last_message_id: null,
    },
    member: {
      user: place.user,
      roles: [],
      permissions,
      joined_at: isoTimestamp(state.now() - 86_400_000),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      banner: null,
      premium_since: null,
      communication_disabled_until: null,
      ...place.member,
    },
  };
}

/** Builds a realistic INTERACTION_CREATE payload for a slash command (type 2, command type 1). */
export function slashCommand(state: FakeDiscordState, input: SlashCommandInput): APIChatInputApplicationCommandInteraction {
  const scopes = [input.guildId, "global"].filter((k): k is string => k !== undefined);
  const registered = scopes.flatMap((k) => state.commands.get(k) ?? []).find((c) => c.name === input.name && c.type === 1);
  const options = optionsFrom(input.options);
  return {
    ...base(state, input),
    type: 2,
    data: {
      id: registered?.id ?? state.snowflakes.next(),
      name: input.name,
      type: 1,
      ...(options === undefined ? {} : { options }),
      ...(registered?.guild_id === undefined ? {} : { guild_id: registered.guild_id }),
    },
  } as unknown as APIChatInputApplicationCommandInteraction;
}

/** Builds a realistic INTERACTION_CREATE payload for a button press (type 3, component type 2) on a bot message. */
export function buttonPress(state: FakeDiscordState, input: ButtonPressInput): APIMessageComponentButtonInteraction {
  const stored = state.messages.get(input.messageId);
  const fallback: APIMessage = {
    id: input.messageId,
    channel_id: input.channelId,
    author: authorOf(state.botUser),
    content: "",
    timestamp: isoTimestamp(state.now()),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [{ type: 1, components: [{ type: 2, style: 1, label: input.customId.slice(0, 80), custom_id: input.customId }] }],
    pinned: false,
    type: 0,
    flags: 0,
  } as unknown as APIMessage;
  return {
    ...base(state, input),
    type: 3,
    data: { custom_id: input.customId, component_type: 2 },
    message: { ...(stored ?? fallback), ...input.message },
  } as unknown as APIMessageComponentButtonInteraction;
}
