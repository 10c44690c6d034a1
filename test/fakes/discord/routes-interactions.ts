import type { APIMessage } from "discord.js";
import { errors } from "./api-error.ts";
import { createMessage, editMessage, LOADING } from "./messages.ts";
import { NO_CONTENT, ok, route, type Route, type RouteContext, type RouteResult } from "./router.ts";
import { EPHEMERAL, type FakeDiscordState, type InteractionRecord } from "./state.ts";
import { validateMessageBody, type MessageBody } from "./validation.ts";

/** Discord drops an interaction that gets no callback within 3 s. */
const CALLBACK_WINDOW_MS = 3_000;
/** Interaction tokens work for follow-ups and edits for 15 minutes. */
const TOKEN_LIFETIME_MS = 15 * 60_000;

/** Callback types valid for each interaction type: commands (2) and components (3). */
const VALID_CALLBACKS: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9] };

/** Stores the component's message if the fake has not seen it, so that updates to it land somewhere. */
function sourceMessage(state: FakeDiscordState, record: InteractionRecord): APIMessage {
  const source = record.sourceMessage;
  if (!source) throw errors.unknownMessage();
  const current = state.messages.get(source.id);
  if (current) return current;
  state.messages.set(source.id, source);
  return source;
}

function callback({ state, params, body, files, query }: RouteContext): RouteResult {
  const record = state.interactions.get(params["interaction"] ?? "");
  if (!record || record.token !== params["token"]) throw errors.unknownInteraction();
  if (state.now() - record.createdAt > CALLBACK_WINDOW_MS) throw errors.unknownInteraction();
  const { type, data } = (body ?? {}) as { type?: unknown; data?: unknown };
  if (typeof type !== "number" || !(VALID_CALLBACKS[record.type] ?? []).includes(type)) {
    throw errors.invalidFormBody({ type: { _errors: [{ code: "INTERACTION_CALLBACK_TYPE_INVALID", message: `Interaction callback type ${String(type)} is not valid for this interaction.` }] } });
  }
  if (record.callbackTypes.length > 0) {
    record.callbackTypes.push(type);
    throw errors.alreadyAcknowledged();
  }
  const messageData = (data ?? {}) as MessageBody;
  let message: APIMessage | undefined;
  if (type === 4) {
    const valid = validateMessageBody(messageData, { create: true, fileCount: files.length });
    message = createMessage(state, { channelId: record.channelId, body: valid, files: [...files], interaction: record, type: record.type === 2 ? 20 : 0 });
  } else if (type === 5) {
    const flags = typeof messageData.flags === "number" ? messageData.flags & EPHEMERAL : 0;
    const body: MessageBody = { flags };
    message = createMessage(state, { channelId: record.channelId, body, files: [], interaction: record, type: record.type === 2 ? 20 : 0, extraFlags: LOADING });
  } else if (type === 6) {
    message = sourceMessage(state, record);
  } else if (type === 7) {
    const valid = validateMessageBody(messageData, { create: false, fileCount: files.length });
    message = editMessage(state, sourceMessage(state, record), valid, [...files]);
  }
  record.callbackTypes.push(type);
  record.originalId = message?.id;
  if (query.get("with_response") !== "true") return NO_CONTENT;
  const flags = message?.flags ?? 0;
  return ok({
    interaction: {
      id: record.id,
      type: record.type,
      ...(message
        ? { response_message_id: message.id, response_message_loading: (flags & LOADING) !== 0, response_message_ephemeral: (flags & EPHEMERAL) !== 0 }
        : {}),
    },
    resource: { type, ...(message ? { message } : {}) },
  });
}

/** The interaction behind a webhook route, or Discord's refusal. */
function webhookInteraction({ state, params }: RouteContext): InteractionRecord {
  const record = params["app"] === state.applicationId ? state.interactionByToken(params["token"] ?? "") : undefined;
  if (!record) throw errors.unknownWebhook();
  if (state.now() - record.createdAt > TOKEN_LIFETIME_MS) throw errors.invalidWebhookToken();
  return record;
}

/** The response message a webhook route names ("@original" or a follow-up id). */
function responseMessage(ctx: RouteContext): { record: InteractionRecord; message: APIMessage } {
  const record = webhookInteraction(ctx);
  const wanted = ctx.params["message"] === "@original" ? record.originalId : ctx.params["message"];
  const belongs = wanted !== undefined && (wanted === record.originalId || record.followUpIds.includes(wanted));
  const message = belongs ? ctx.state.messages.get(wanted) : undefined;
  if (!message) throw errors.unknownMessage();
  return { record, message };
}

/**
 * Interaction routes: the callback (first answer), and the webhook routes
 * for the original response and follow-ups. They need no bot token (the
 * interaction token in the path authorizes them), as on Discord.
 */
export const interactionRoutes: Route[] = [
  route("POST", "/interactions/:interaction/:token/callback", callback, { auth: false, major: ["interaction"] }),

  route(
    "POST",
    "/webhooks/:app/:token",
    (ctx) => {
      const record = webhookInteraction(ctx);
      if (record.callbackTypes.length === 0) throw errors.unknownWebhook();
      const body = validateMessageBody(ctx.body, { create: true, fileCount: ctx.files.length });
      const message = createMessage(ctx.state, { channelId: record.channelId, body, files: [...ctx.files], interaction: record });
      record.followUpIds.push(message.id);
      return ctx.query.get("wait") === "true" ? ok(message) : NO_CONTENT;
    },
    { auth: false, major: ["app", "token"] },
  ),

  route("GET", "/webhooks/:app/:token/messages/:message", (ctx) => ok(responseMessage(ctx).message), { auth: false, major: ["app", "token"] }),

  route(
    "PATCH",
    "/webhooks/:app/:token/messages/:message",
    (ctx) => {
      const { message } = responseMessage(ctx);
      const body = validateMessageBody(ctx.body, { create: false, fileCount: ctx.files.length });
      return ok(editMessage(ctx.state, message, body, [...ctx.files]));
    },
    { auth: false, major: ["app", "token"] },
  ),

  route(
    "DELETE",
    "/webhooks/:app/:token/messages/:message",
    (ctx) => {
      ctx.state.messages.delete(responseMessage(ctx).message.id);
      return NO_CONTENT;
    },
    { auth: false, major: ["app", "token"] },
  ),
];
