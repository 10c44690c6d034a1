import type { Lang } from "../bank/types.ts";

/** Who got a round question right, fastest first. */
export interface CorrectAnswer {
  readonly userId: string;
  readonly name: string;
  readonly responseMs: number;
  readonly points: number;
}

/** A player's total in a finished round. */
export interface Standing {
  readonly userId: string;
  readonly name: string;
  readonly points: number;
  readonly correct: number;
}

/** A round question has opened: adapters post it (Telegram as a quiz poll, Discord as an embed). */
export interface RoundQuestionPayload {
  readonly type: "round-question";
  readonly lang: Lang;
  readonly sessionId: number;
  readonly index: number;
  readonly total: number;
  readonly questionId: string;
  readonly openedAt: number;
  readonly closesAt: number;
}

/** A round question has closed: the right option, the explanation and who was right. */
export interface RoundResultsPayload {
  readonly type: "round-results";
  readonly lang: Lang;
  readonly sessionId: number;
  readonly index: number;
  readonly total: number;
  readonly questionId: string;
  readonly answered: number;
  readonly correct: readonly CorrectAnswer[];
  /** False when fewer than the minimum number of players answered, so no points were given. */
  readonly pointsCounted: boolean;
}

/** A round has ended (all questions asked, or stopped): the standings. */
export interface RoundFinishedPayload {
  readonly type: "round-finished";
  readonly lang: Lang;
  readonly sessionId: number;
  readonly asked: number;
  readonly total: number;
  readonly stopped: boolean;
  readonly standings: readonly Standing[];
}

/** Everything the app may send to a chat on its own, persisted in the outbox before it is sent. */
export type OutboxPayload = RoundQuestionPayload | RoundResultsPayload | RoundFinishedPayload;
