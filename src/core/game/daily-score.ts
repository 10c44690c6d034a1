import type { Question } from "../bank/types.ts";
import { POINTS_PER_LEVEL } from "./scoring.ts";
import { streakBonus } from "./streaks.ts";

/** How many names a daily reveal lists; the rest are counted. */
export const DAILY_REVEAL_NAMES = 10;

/**
 * Points for a daily answer: a right one earns 10 × level plus the streak
 * bonus for the streak it extends (+1 a day, at most +10); a wrong one nothing.
 * There is no speed bonus and no minimum number of players.
 */
export function dailyPoints(question: Pick<Question, "level">, correct: boolean, streak: number): number {
  return correct ? POINTS_PER_LEVEL * question.level + streakBonus(streak) : 0;
}
