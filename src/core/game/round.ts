import type { Lang, Question } from "../bank/types.ts";
import type { AnswerRecord } from "../ports.ts";
import type { CorrectAnswer } from "./outbox-payload.ts";
import { MIN_ROUND_PLAYERS, roundPoints } from "./scoring.ts";

/** The most questions one round may ask. */
export const MAX_ROUND_QUESTIONS = 20;

/** A round's persisted state: which questions, which one is open, and until when. */
export interface RoundState {
  readonly questionIds: readonly string[];
  readonly index: number;
  readonly openedAt: number;
  readonly closesAt: number;
  readonly openMs: number;
  readonly topic: string | null;
  readonly lang: Lang;
}

/** Why a round answer was not taken. */
export type RoundRejection = "closed" | "wrong-question" | "bad-option";

/** The verdict on a round answer before it is stored. */
export type RoundAnswerCheck =
  | { readonly ok: true; readonly correct: boolean; readonly responseMs: number }
  | { readonly ok: false; readonly reason: RoundRejection };

/**
 * Checks an answer against the open question: it must be for the current
 * question, arrive before the close, and name an existing option.
 */
export function checkRoundAnswer(state: RoundState, question: Question, index: number, option: number, at: number): RoundAnswerCheck {
  if (index !== state.index) return { ok: false, reason: index < state.index ? "closed" : "wrong-question" };
  if (at > state.closesAt) return { ok: false, reason: "closed" };
  if (!Number.isInteger(option) || option < 0 || option >= question.options.length) return { ok: false, reason: "bad-option" };
  return { ok: true, correct: option === question.answer, responseMs: Math.max(0, at - state.openedAt) };
}

/** The outcome of a closed round question: who was right, fastest first, and the points. */
export interface QuestionOutcome {
  readonly answered: number;
  readonly correct: readonly CorrectAnswer[];
  readonly awards: readonly { readonly answerId: number; readonly userId: string; readonly points: number; readonly at: number }[];
  readonly pointsCounted: boolean;
}

/** What scoring reads of an answer. */
export type ScoredAnswer = Pick<AnswerRecord, "id" | "userId" | "correct" | "responseMs" | "answeredAt">;

/** Scores a closed round question; points count only when enough players answered. */
export function scoreRoundQuestion(
  question: Question,
  answers: readonly ScoredAnswer[],
  openMs: number,
  nameOf: (userId: string) => string,
): QuestionOutcome {
  const players = new Set(answers.map((a) => a.userId)).size;
  const pointsCounted = players >= MIN_ROUND_PLAYERS;
  const right = answers
    .filter((a) => a.correct)
    .sort((a, b) => a.responseMs - b.responseMs || a.id - b.id);
  const correct = right.map((a) => ({
    userId: a.userId,
    name: nameOf(a.userId),
    responseMs: a.responseMs,
    points: pointsCounted ? roundPoints(question.level, true, a.responseMs, openMs) : 0,
  }));
  const awards = pointsCounted
    ? right.map((a, i) => ({ answerId: a.id, userId: a.userId, points: correct[i]?.points ?? 0, at: a.answeredAt }))
    : [];
  return { answered: players, correct, awards, pointsCounted };
}
