import { AttachmentBuilder, type BaseInteraction } from "discord.js";
import type { CardImage } from "../../cards/index.ts";

/** A drawn card as a file attachment of an interaction reply. */
export function cardAttachment(image: CardImage): AttachmentBuilder {
  return new AttachmentBuilder(image.png, { name: image.fileName });
}

/** A drawn card as REST files plus the `attachments` list Discord expects with them (for channel posts). */
export function cardUpload(image: CardImage): { files: { name: string; data: Buffer; contentType: string }[]; attachments: { id: number; filename: string }[] } {
  return {
    files: [{ name: image.fileName, data: image.png, contentType: "image/png" }],
    attachments: [{ id: 0, filename: image.fileName }],
  };
}

/**
 * How cards name a guild channel: `Server · #channel`, or whichever of the two
 * the client has cached; undefined outside guilds.
 */
export function channelTitle(interaction: BaseInteraction): string | undefined {
  if (!interaction.inGuild()) return undefined;
  const guild = interaction.guild?.name;
  const channel = interaction.channel && "name" in interaction.channel && interaction.channel.name ? `#${interaction.channel.name}` : undefined;
  const parts = [guild, channel].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(" · ") : undefined;
}
