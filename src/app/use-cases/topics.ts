import type { Bank, Question } from "../../core/bank/types.ts";
import type { ChatRecord } from "../../core/ports.ts";

/** The questions allowed for a request: one topic when asked for, else the chat's topics, else all. */
export function candidateQuestions(bank: Bank, chat: ChatRecord, topic: string | null): readonly Question[] {
  if (topic !== null) return bank.byTopic(topic);
  const topics = chat.settings.topics.filter((t) => bank.topic(t));
  if (topics.length === 0) return bank.questions;
  return topics.flatMap((t) => bank.byTopic(t));
}

/** The topic ids of the bank, comma-separated, for error messages. */
export function topicList(bank: Bank): string {
  return bank.topics.map((t) => t.id).join(", ");
}
