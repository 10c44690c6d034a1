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

/** The chat's daily question: open for everyone until its reveal at `closesAt`. */
export interface DailyQuestionPayload {
  readonly type: "daily-question";
  readonly lang: Lang;
  readonly sessionId: number;
  readonly questionId: string;
  /** The chat's local date it is the question of, `YYYY-MM-DD`. */
  readonly date: string;
  readonly openedAt: number;
  readonly closesAt: number;
  /** The reveal as the chat's local wall time, `HH:MM`. */
  readonly revealTime: string;
}

/** Someone who got the daily question right, with the streak it extended. */
export interface DailyWinner {
  readonly userId: string;
  readonly name: string;
  readonly points: number;
  readonly streak: number;
}

/** The daily question's reveal: the right option, the explanation, who was right and their streaks. */
export interface DailyRevealPayload {
  readonly type: "daily-reveal";
  readonly lang: Lang;
  readonly sessionId: number;
  readonly questionId: string;
  readonly date: string;
  readonly answered: number;
  /** How many were right; `correct` names at most the first ten of them. */
  readonly correctCount: number;
  readonly correct: readonly DailyWinner[];
}

/** One row of a closed season's final standings. */
export interface SeasonRow {
  readonly userId: string;
  readonly name: string;
  readonly points: number;
}

/** A season (week or month) has closed: its final standings, the first row the winner. */
export interface SeasonResultsPayload {
  readonly type: "season-results";
  readonly lang: Lang;
  readonly period: "week" | "month";
  /** `2026-W47` or `2026-11`. */
  readonly key: string;
  readonly standings: readonly SeasonRow[];
  /**
   * Present when the chat had picture cards on as the season closed: the
   * adapters draw the podium card from the standings (`seasonCardOf`) and send
   * the text as its caption. Absent (text only) with cards off, and in
   * messages queued before cards existed. It holds no rows of its own, so
   * whatever changes `standings` changes the picture too.
   */
  readonly card?: { readonly chatTitle: string } | undefined;
}

/** Everything the app may send to a chat on its own, persisted in the outbox before it is sent. */
export type OutboxPayload =
  | RoundQuestionPayload
  | RoundResultsPayload
  | RoundFinishedPayload
  | DailyQuestionPayload
  | DailyRevealPayload
  | SeasonResultsPayload;
