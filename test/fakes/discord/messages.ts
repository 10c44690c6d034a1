import type { APIAttachment, APIEmbed, APIMessage, APIUser, UserFlags } from "discord.js";
import { imageInfo } from "../shared/images.ts";
import type { UploadedFile } from "./request-body.ts";
import { isoTimestamp } from "./snowflakes.ts";
import { EPHEMERAL, type FakeDiscordState, type InteractionRecord } from "./state.ts";
import type { MessageBody } from "./validation.ts";

/** MessageFlags.Loading: a deferred response still "thinking". */
export const LOADING = 1 << 7;
/** The flags a bot may set when it sends: SuppressEmbeds, SuppressNotifications, IsComponentsV2 (and Ephemeral in interaction responses). */
const SETTABLE_FLAGS = (1 << 2) | (1 << 12) | (1 << 15);

/** How a new message comes to be. */
export interface NewMessage {
  /** The channel it goes to. */
  channelId: string;
  /** The validated request body. */
  body: MessageBody;
  /** Files uploaded with it. */
  files: UploadedFile[];
  /** The interaction it answers, for responses and follow-ups (they may be ephemeral). */
  interaction?: InteractionRecord;
  /** Discord's message type; 0 unless it is a command's response (20). */
  type?: number;
  /** Extra flags the fake itself sets, e.g. Loading for a deferred reply. */
  extraFlags?: number;
}

/** The bot as a message author. */
export function authorOf(user: APIUser): APIUser {
  return { id: user.id, username: user.username, discriminator: user.discriminator, global_name: user.global_name, avatar: user.avatar, bot: true, public_flags: 0 as UserFlags };
}

/** Creates and stores a message sent by the bot, shaped as Discord returns it. */
export function createMessage(state: FakeDiscordState, input: NewMessage): APIMessage {
  const id = state.snowflakes.next();
  const channel = state.channel(input.channelId);
  const settable = input.interaction ? SETTABLE_FLAGS | EPHEMERAL : SETTABLE_FLAGS;
  const flags = (numberOr(input.body.flags, 0) & settable) | (input.extraFlags ?? 0);
  const message = {
    id,
    channel_id: input.channelId,
    ...(channel.guildId === undefined ? {} : { guild_id: channel.guildId }),
    author: authorOf(state.botUser),
    content: typeof input.body.content === "string" ? input.body.content : "",
    timestamp: isoTimestamp(state.now()),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: attachmentsFrom(state, { channelId: input.channelId, messageId: id }, [], input.body.attachments, input.files),
    embeds: embedsFrom(input.body.embeds),
    components: Array.isArray(input.body.components) ? input.body.components : [],
    pinned: false,
    type: input.type ?? 0,
    flags,
    ...(input.interaction ? interactionFields(state, input.interaction) : {}),
  } as APIMessage;
  state.messages.set(id, message);
  return message;
}

/**
 * Applies an edit the way Discord does: fields that are present replace the
 * old ones (null clears them), absent fields stay. `attachments`, when
 * present, lists the old attachments to keep; uploaded files are added.
 * Clears Loading and sets `edited_timestamp` (except on a deferred reply's first edit).
 */
export function editMessage(state: FakeDiscordState, message: APIMessage, body: MessageBody, files: UploadedFile[]): APIMessage {
  const wasLoading = ((message.flags ?? 0) & LOADING) !== 0;
  const edited: APIMessage = { ...message, edited_timestamp: wasLoading ? null : isoTimestamp(state.now()) };
  if ("content" in body) edited.content = typeof body.content === "string" ? body.content : "";
  if ("embeds" in body) edited.embeds = embedsFrom(body.embeds);
  if ("components" in body) edited.components = (Array.isArray(body.components) ? body.components : []) as NonNullable<APIMessage["components"]>;
  if ("attachments" in body || files.length > 0) {
    edited.attachments = attachmentsFrom(state, { channelId: message.channel_id, messageId: message.id }, message.attachments, body.attachments, files, "attachments" in body);
  }
  let flags = (message.flags ?? 0) & ~LOADING;
  if (typeof body.flags === "number") flags = (flags & ~SETTABLE_FLAGS) | (body.flags & SETTABLE_FLAGS);
  edited.flags = flags;
  state.messages.set(edited.id, edited);
  return edited;
}

function interactionFields(state: FakeDiscordState, interaction: InteractionRecord): Record<string, unknown> {
  const owners = interaction.guildId === undefined ? { "0": "0" } : { "0": interaction.guildId };
  const metadata =
    interaction.type === 2
      ? { id: interaction.id, type: 2, user: interaction.user, authorizing_integration_owners: owners, name: interaction.commandName }
      : { id: interaction.id, type: 3, user: interaction.user, authorizing_integration_owners: owners, interacted_message_id: interaction.sourceMessage?.id };
  return {
    webhook_id: state.applicationId,
    application_id: state.applicationId,
    interaction_metadata: metadata as APIMessage["interaction_metadata"],
    ...(interaction.type === 2
      ? { interaction: { id: interaction.id, type: 2, name: interaction.commandName ?? "", user: interaction.user } as APIMessage["interaction"] }
      : {}),
  };
}

function embedsFrom(raw: unknown): APIEmbed[] {
  if (!Array.isArray(raw)) return [];
  // Discord stores every embed a bot sends as a "rich" embed.
  return raw.map((embed: APIEmbed) => ({ type: "rich", ...embed }) as APIEmbed);
}

/**
 * The message's attachments: the kept old ones and one per uploaded file
 * (recorded in `state.uploads`); images get their width and height, as
 * Discord reads them from the file.
 */
function attachmentsFrom(
  state: FakeDiscordState,
  where: { channelId: string; messageId: string },
  existing: APIAttachment[],
  listed: unknown,
  files: UploadedFile[],
  filterExisting = false,
): APIAttachment[] {
  const entries = Array.isArray(listed) ? (listed as { id?: unknown; filename?: unknown; description?: unknown }[]) : [];
  const keepIds = new Set(entries.map((e) => String(e.id)));
  const kept = filterExisting ? existing.filter((a) => keepIds.has(a.id)) : existing;
  const added = files.map((file, index): APIAttachment => {
    // discord.js names parts files[n] and lists them in `attachments` with id n.
    const n = /^files\[(\d+)\]$/.exec(file.field)?.[1] ?? String(index);
    const entry = entries.find((e) => String(e.id) === n);
    const filename = typeof entry?.filename === "string" ? entry.filename : file.name;
    const id = state.snowflakes.next();
    const url = `https://cdn.discordapp.com/attachments/${where.channelId}/${id}/${encodeURIComponent(filename)}`;
    const image = imageInfo(file.bytes);
    state.uploads.push({ ...where, attachmentId: id, file });
    return {
      id,
      filename,
      size: file.size,
      url,
      proxy_url: url.replace("https://cdn.discordapp.com", "https://media.discordapp.net"),
      ...(file.contentType === undefined ? {} : { content_type: file.contentType }),
      ...(image ? { width: image.width, height: image.height } : {}),
      ...(typeof entry?.description === "string" ? { description: entry.description } : {}),
    };
  });
  return [...kept, ...added];
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}
