import type { Level, Question } from "../bank/types.ts";
import type { Rng } from "../ports.ts";

/** What a picker needs to choose questions for a player or a chat. */
export interface PickRequest {
  /** The questions allowed (already filtered by topic). */
  readonly candidates: readonly Question[];
  /** Questions already shown to this player or chat, with the last time. */
  readonly seen: ReadonlyMap<string, number>;
  /** The player's (or chat's) recent results, newest first. */
  readonly recentResults: readonly boolean[];
  /** How many distinct questions to choose. */
  readonly count: number;
  readonly rng: Rng;
}

/** Chooses the next questions. The adaptive engine replaces the simple one. */
export interface QuestionPicker {
  /** Up to `count` distinct questions, best first. */
  pick(request: PickRequest): Question[];
}

/** The level that fits recent accuracy: hard above 80%, medium above 50%, easy otherwise or when new. */
export function targetLevel(recentResults: readonly boolean[]): Level {
  if (recentResults.length < 3) return 1;
  const accuracy = recentResults.filter(Boolean).length / recentResults.length;
  return accuracy >= 0.8 ? 3 : accuracy >= 0.5 ? 2 : 1;
}

/**
 * The simple picker: unseen questions first, closest to the level that fits
 * recent accuracy, random among equals; when all are seen, the least recent.
 */
export function createSimplePicker(window = 10): QuestionPicker {
  return {
    pick({ candidates, seen, recentResults, count, rng }) {
      const target = targetLevel(recentResults.slice(0, window));
      const scored = candidates.map((question) => {
        const last = seen.get(question.id);
        return {
          question,
          // Unseen beats seen; among seen, older beats newer; then level fit, then chance.
          rank: [last === undefined ? 0 : 1, last ?? 0, Math.abs(question.level - target), rng.next()] as const,
        };
      });
      scored.sort((a, b) => {
        for (let i = 0; i < a.rank.length; i++) {
          const diff = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
          if (diff !== 0) return diff;
        }
        return 0;
      });
      return scored.slice(0, count).map((s) => s.question);
    },
  };
}
