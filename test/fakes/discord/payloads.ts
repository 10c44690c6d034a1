import type { APIUser, UserFlags } from "discord.js";
import { authorOf } from "./messages.ts";
import { isoTimestamp } from "./snowflakes.ts";
import { guildChannels, type ChannelRecord, type FakeDiscordState, type GuildSetup } from "./state.ts";

/** The permissions of @everyone in a fake guild: view, send, embed, attach, history, reactions, external emojis, application commands. */
export const EVERYONE_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 6n) | (1n << 18n) | (1n << 31n);

/** A fake human user, shaped as Discord sends users. */
export function userPayload(id: string, username: string, globalName: string | null = null): APIUser {
  return { id, username, discriminator: "0", global_name: globalName, avatar: null, public_flags: 0 as UserFlags };
}

/** A channel as `GET /channels/:id` (and GUILD_CREATE) returns it. */
export function channelPayload(state: FakeDiscordState, channel: ChannelRecord): Record<string, unknown> {
  const last = state.messagesIn(channel.id).at(-1)?.id ?? null;
  if (channel.type === 1) {
    return { id: channel.id, type: 1, last_message_id: last, flags: 0, recipients: channel.recipient ? [channel.recipient] : [] };
  }
  return {
    id: channel.id,
    type: channel.type,
    ...(channel.guildId === undefined ? {} : { guild_id: channel.guildId }),
    name: channel.name ?? "general",
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: last,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
  };
}

/**
 * A guild as the GUILD_CREATE dispatch carries it after READY: the guild,
 * its @everyone role, its channels and the bot as its only known member
 * (without the GuildMembers intent Discord sends no one else).
 */
export function guildCreatePayload(state: FakeDiscordState, guild: GuildSetup): Record<string, unknown> {
  const joinedAt = isoTimestamp(state.now());
  const locale = guild.locale ?? "en-US";
  return {
    id: guild.id,
    name: guild.name ?? `Guild ${guild.id}`,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId ?? "100000000000000001",
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    application_id: null,
    preferred_locale: locale,
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      {
        id: guild.id,
        name: "@everyone",
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: EVERYONE_PERMISSIONS.toString(),
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    max_members: 500000,
    voice_states: [],
    members: [{ user: authorOf(state.botUser), roles: [], joined_at: joinedAt, deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, banner: null, premium_since: null, communication_disabled_until: null }],
    channels: guildChannels(guild).map((c) => {
      const { guild_id: _omitted, ...rest } = channelPayload(state, state.channel(c.id));
      return rest;
    }),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
  };
}
