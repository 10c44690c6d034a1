import type { BotCommand, BotCommandScope, ChatMember } from "grammy/types";
import { badRequest, TelegramApiError } from "./api-error.ts";
import type { MethodTable } from "./method-table.ts";
import { boolOf, chatIdOf, intOf, stringOf, type Params } from "./params.ts";
import type { FakeState, MemberStatus } from "./state.ts";

const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";
const ADMIN_RIGHTS = {
  can_be_edited: false,
  is_anonymous: false,
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: true,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: true,
  can_invite_users: true,
  can_post_stories: false,
  can_edit_stories: false,
  can_delete_stories: false,
  can_pin_messages: true,
};
const NO_RIGHTS = {
  is_member: true,
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
  can_change_info: false,
  can_invite_users: false,
  can_pin_messages: false,
  can_manage_topics: false,
  until_date: 0,
};

/** The key under which `setMyCommands` stores a command list: scope type and language code. */
export function commandKey(scopeType: string, languageCode: string): string {
  return `${scopeType}:${languageCode}`;
}

function commandKeyOf(params: Params): string {
  const scope = params["scope"] as BotCommandScope | undefined;
  return commandKey(scope?.type ?? "default", stringOf(params, "language_code") ?? "");
}

function checkCommands(raw: unknown): BotCommand[] {
  if (!Array.isArray(raw)) throw badRequest("can't parse commands JSON object");
  if (raw.length > 100) throw badRequest("too many commands specified");
  return raw.map((c: unknown) => {
    const { command, description } = (c ?? {}) as { command?: unknown; description?: unknown };
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.length < 1 || description.length > 256) throw badRequest("command description must be non-empty");
    return { command, description };
  });
}

function member(state: FakeState, chatId: number, userId: number): ChatMember {
  const user = state.userOf(userId);
  const status: MemberStatus = state.memberStatus(chatId, userId);
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return { status, user, ...ADMIN_RIGHTS } as ChatMember;
    case "restricted":
      return { status, user, ...NO_RIGHTS } as ChatMember;
    case "kicked":
      return { status, user, until_date: 0 };
    default:
      return { status, user };
  }
}

/** getMe, getUpdates, webhooks, callback answers, chat members and commands. */
export const botMethods: MethodTable = {
  getMe(_params, { state }) {
    return state.botUser;
  },

  getUpdates(params, { state, updates, signal }) {
    if (state.webhookUrl !== "") {
      throw new TelegramApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = params["offset"] === undefined ? undefined : intOf(params, "offset", "wrong parameter offset");
    const limit = params["limit"] === undefined ? 100 : Math.min(100, Math.max(1, intOf(params, "limit", "wrong parameter limit")));
    const timeoutSeconds = params["timeout"] === undefined ? 0 : Math.max(0, intOf(params, "timeout", "wrong parameter timeout"));
    return updates.take(offset === undefined ? { limit, timeoutSeconds } : { offset, limit, timeoutSeconds }, signal);
  },

  setWebhook(params, { state, updates }) {
    const url = stringOf(params, "url") ?? "";
    if (url !== "" && !/^https:\/\/\S+$/.test(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    state.webhookUrl = url;
    if (boolOf(params, "drop_pending_updates")) updates.dropPending();
    return true;
  },

  deleteWebhook(params, { state, updates }) {
    state.webhookUrl = "";
    if (boolOf(params, "drop_pending_updates")) updates.dropPending();
    return true;
  },

  getWebhookInfo(_params, { state, updates }) {
    return { url: state.webhookUrl, has_custom_certificate: false, pending_update_count: updates.pendingCount };
  },

  answerCallbackQuery(params, { state }) {
    const id = stringOf(params, "callback_query_id") ?? "";
    const query = state.callbackQueries.get(id);
    if (!query || query.answered) throw badRequest(QUERY_INVALID);
    if ((stringOf(params, "text") ?? "").length > 200) throw badRequest("MESSAGE_TOO_LONG");
    query.answered = true;
    return true;
  },

  getChat(params, { state }) {
    return { ...state.chat(chatIdOf(params)), accent_color_id: 0, max_reaction_count: 11 };
  },

  getChatMember(params, { state }) {
    const chatId = chatIdOf(params);
    return member(state, chatId, intOf(params, "user_id", "invalid user_id specified"));
  },

  getChatAdministrators(params, { state }) {
    const chatId = chatIdOf(params);
    if (!state.isGroup(chatId)) throw badRequest("there are no administrators in the private chat");
    const ids = [...(state.members.get(chatId) ?? new Map<number, MemberStatus>())]
      .filter(([, status]) => status === "creator" || status === "administrator")
      .map(([id]) => id);
    return [...ids, state.botUser.id].map((id) => member(state, chatId, id));
  },

  setMyCommands(params, { state }) {
    const commands = checkCommands(params["commands"]);
    const scope = params["scope"] as BotCommandScope | undefined;
    state.commands.set(commandKeyOf(params), scope === undefined ? { commands } : { commands, scope });
    return true;
  },

  getMyCommands(params, { state }) {
    return state.commands.get(commandKeyOf(params))?.commands ?? [];
  },

  deleteMyCommands(params, { state }) {
    state.commands.delete(commandKeyOf(params));
    return true;
  },
};
