import { LANGS, type Bank, type Lang } from "./types.ts";

/** Counts for one topic: questions per level and code questions. */
export interface TopicCounts {
  readonly topic: string;
  readonly levels: readonly [number, number, number];
  readonly code: number;
  readonly total: number;
}

/** What `memquiz validate` reports about a loaded bank. */
export interface BankSummary {
  readonly topics: readonly TopicCounts[];
  readonly totals: TopicCounts;
  readonly languages: readonly Lang[];
  /** Questions whose `python` range limits them to some versions. */
  readonly versionSpecific: number;
}

/** Counts questions per topic and level, code questions and languages. */
export function bankSummary(bank: Bank): BankSummary {
  const topics = bank.topics.map((topic): TopicCounts => {
    const questions = bank.byTopic(topic.id);
    const levels: [number, number, number] = [0, 0, 0];
    for (const q of questions) levels[q.level - 1] = (levels[q.level - 1] ?? 0) + 1;
    return { topic: topic.id, levels, code: questions.filter((q) => q.code !== undefined).length, total: questions.length };
  });
  const sum = (pick: (t: TopicCounts) => number) => topics.reduce((acc, t) => acc + pick(t), 0);
  return {
    topics,
    totals: {
      topic: "total",
      levels: [sum((t) => t.levels[0]), sum((t) => t.levels[1]), sum((t) => t.levels[2])],
      code: sum((t) => t.code),
      total: sum((t) => t.total),
    },
    languages: LANGS,
    versionSpecific: bank.questions.filter((q) => q.python !== undefined).length,
  };
}
