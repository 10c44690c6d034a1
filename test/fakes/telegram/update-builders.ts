import type { Chat, Message, User } from "grammy/types";
import { commandEntities } from "./factories.ts";
import type { FakeState } from "./state.ts";
import type { UpdateInput } from "./update-queue.ts";

/** A chat a user can write in: private, group or supergroup. */
export type UserChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;

/**
 * A text message from a user, with the next message id of that chat and a
 * `bot_command` entity for a leading `/cmd` or `/cmd@bot`.
 */
export function buildMessage(state: FakeState, chat: UserChat, from: User, text: string): UpdateInput {
  const entities = commandEntities(text);
  return {
    message: {
      message_id: state.allocateMessageId(chat.id),
      from,
      chat,
      date: state.date(),
      text,
      ...(entities.length > 0 ? { entities } : {}),
    },
  };
}

/**
 * A press on an inline button of message `messageId`. The query carries the
 * stored message when the fake knows it, else an inaccessible message
 * (`date: 0`) with just its chat and id, as Telegram sends for old messages.
 */
export function buildCallbackQuery(state: FakeState, chat: UserChat, from: User, data: string, messageId: number): UpdateInput {
  const stored = state.message(chat.id, messageId);
  const message = stored ?? ({ message_id: messageId, chat, date: 0 } as const);
  const serial = BigInt(state.nextSerial());
  return {
    callback_query: {
      id: String(4_100_000_000_000_000_000n + serial),
      from,
      message: message as Message,
      chat_instance: String(7_000_000_000_000_000_000n + BigInt(chat.id)),
      data,
    },
  };
}

/** A user's vote in a non-anonymous poll; an empty `optionIds` is a retracted vote. */
export function buildPollAnswer(state: FakeState, pollId: string, user: User, optionIds: number[]): UpdateInput {
  const options = state.polls.get(pollId)?.poll.options;
  return {
    poll_answer: {
      poll_id: pollId,
      user,
      option_ids: [...optionIds],
      option_persistent_ids: optionIds.map((i) => options?.[i]?.persistent_id ?? String(i)),
    },
  };
}
