import { PermissionFlagsBits, type BaseInteraction } from "discord.js";
import type { RequestContext } from "../../app/context.ts";

/** The prefixed id of a Discord user: `dc:123`. */
export function dcUserId(id: string): string {
  return `dc:${id}`;
}

/** The chat of a channel: `dc:<channel id>`. Rounds, settings and boards belong to a channel. */
export function dcChannelChat(channelId: string): string {
  return `dc:${channelId}`;
}

/** A user's private practice space on Discord (practice is ephemeral, so it lives outside channels). */
export function dcPracticeChat(userId: string): string {
  return `dc:u${userId}`;
}

/**
 * The app's request context for an interaction. Admin means Manage Server
 * in a guild (everyone is admin of their own DMs). Personal commands run in
 * the user's private practice space.
 */
export function requestContext(interaction: BaseInteraction, personal: boolean): RequestContext {
  const user = interaction.user;
  const chat = personal || !interaction.channelId
    ? { id: dcPracticeChat(user.id), kind: "private" as const }
    : { id: dcChannelChat(interaction.channelId), kind: interaction.inGuild() ? ("group" as const) : ("private" as const) };
  return {
    user: { id: dcUserId(user.id), name: (user.globalName ?? user.username).slice(0, 64), langHint: interaction.locale, isBot: user.bot },
    chat,
    isAdmin: () => !interaction.inGuild() || interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true,
  };
}
