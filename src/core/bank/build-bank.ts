import type { Bank, Level, Question, Topic } from "./types.ts";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Freezes validated questions and topics into a bank indexed by id, topic and level. */
export function buildBank(questions: readonly Question[], topics: readonly Topic[]): Bank {
  const frozenQuestions = deepFreeze([...questions]);
  const frozenTopics = deepFreeze([...topics]);
  const byId = new Map(frozenQuestions.map((q) => [q.id, q]));
  const byTopic = new Map<string, Question[]>();
  const byLevel = new Map<Level, Question[]>([[1, []], [2, []], [3, []]]);
  for (const question of frozenQuestions) {
    const list = byTopic.get(question.topic) ?? [];
    list.push(question);
    byTopic.set(question.topic, list);
    byLevel.get(question.level)?.push(question);
  }
  for (const list of [...byTopic.values(), ...byLevel.values()]) Object.freeze(list);
  const topicById = new Map(frozenTopics.map((t) => [t.id, t]));
  const empty: readonly Question[] = Object.freeze([]);
  return Object.freeze({
    questions: frozenQuestions,
    topics: frozenTopics,
    byId: (id: string) => byId.get(id),
    byTopic: (topic: string) => byTopic.get(topic) ?? empty,
    byLevel: (level: Level) => byLevel.get(level) ?? empty,
    topic: (id: string) => topicById.get(id),
  });
}
