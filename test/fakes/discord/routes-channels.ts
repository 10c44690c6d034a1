import type { APIMessage } from "discord.js";
import { errors } from "./api-error.ts";
import { createMessage, editMessage } from "./messages.ts";
import { channelPayload } from "./payloads.ts";
import { NO_CONTENT, ok, route, type Route, type RouteContext } from "./router.ts";
import { EPHEMERAL } from "./state.ts";
import { validateMessageBody } from "./validation.ts";

/** A channel message that exists and is not ephemeral, or Discord's 404. */
function channelMessage({ state, params }: RouteContext): APIMessage {
  const message = state.messages.get(params["message"] ?? "");
  if (!message || message.channel_id !== params["channel"] || ((message.flags ?? 0) & EPHEMERAL) !== 0) throw errors.unknownMessage();
  return message;
}

/**
 * Channel routes: get a channel, and create, list, get, edit and delete
 * messages. Any channel id is accepted for sending (the fake does not make
 * tests declare every channel); `GET /channels/:id` knows configured guild
 * channels, DMs seen in interactions and channels the bot has sent to.
 */
export const channelRoutes: Route[] = [
  route(
    "GET",
    "/channels/:channel",
    ({ state, params }) => {
      const channel = state.channels.get(params["channel"] ?? "");
      if (!channel) throw errors.unknownChannel();
      return ok(channelPayload(state, channel));
    },
    { major: ["channel"] },
  ),

  route(
    "GET",
    "/channels/:channel/messages",
    ({ state, params, query }) => {
      const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 50) || 50));
      // Discord lists newest first.
      return ok(state.messagesIn(params["channel"] ?? "").reverse().slice(0, limit));
    },
    { major: ["channel"] },
  ),

  route(
    "POST",
    "/channels/:channel/messages",
    ({ state, params, body, files }) => {
      const message = validateMessageBody(body, { create: true, fileCount: files.length });
      const replyTo = (message as { message_reference?: unknown }).message_reference;
      return ok(createMessage(state, { channelId: params["channel"] as string, body: message, files: [...files], type: replyTo ? 19 : 0 }));
    },
    { major: ["channel"] },
  ),

  route("GET", "/channels/:channel/messages/:message", (ctx) => ok(channelMessage(ctx)), { major: ["channel"] }),

  route(
    "PATCH",
    "/channels/:channel/messages/:message",
    (ctx) => {
      const message = channelMessage(ctx);
      if (message.author.id !== ctx.state.botUser.id) throw errors.editOthers();
      const body = validateMessageBody(ctx.body, { create: false, fileCount: ctx.files.length });
      return ok(editMessage(ctx.state, message, body, [...ctx.files]));
    },
    { major: ["channel"] },
  ),

  route(
    "DELETE",
    "/channels/:channel/messages/:message",
    (ctx) => {
      ctx.state.messages.delete(channelMessage(ctx).id);
      return NO_CONTENT;
    },
    { major: ["channel"] },
  ),
];
