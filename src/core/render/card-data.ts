/**
 * The plain data the picture cards are drawn from. The use cases fill these
 * next to the text replies (from the same figures as `ProgressView`,
 * `LeaderboardView` and a season's standings); the adapters hand them to
 * `src/cards` to draw. Nothing here knows about a canvas, a store or a platform.
 */

/** Languages the card labels come in (the same as the bot's). */
export type CardLang = "en" | "ru";

/** One topic's mastery on the `/me` card. */
export interface CardTopic {
  /** The bank's topic key, like `refcounting`. */
  readonly key: string;
  /** The topic title in the card's language. */
  readonly title: string;
  /** Predicted success on a medium question, 0-1 (clamped when drawn). */
  readonly mastery: number;
}

/** The `/me` card. */
export interface MeCardData {
  readonly lang: CardLang;
  readonly name: string;
  /** The bank's topics in display order (9 today; the card lays out any count). */
  readonly topics: readonly CardTopic[];
  /** The topic with the lowest mastery, once there are answers; marked on the card. */
  readonly weakestTopicKey?: string | undefined;
  readonly answers: number;
  readonly correct: number;
  /** The daily-question streak in days. */
  readonly streak: { readonly current: number; readonly best: number };
  /** Whether the user answered anything on each of the last 56 days, oldest first, the last entry today. */
  readonly participation: readonly boolean[];
  readonly reviewsDue: number;
}

/** One leaderboard row; ties share a rank. */
export interface CardRow {
  readonly rank: number;
  readonly name: string;
  readonly points: number;
}

/** One row of the `/top` card. */
export interface TopCardRow extends CardRow {
  /** The row of the user who asked; highlighted. */
  readonly isCaller: boolean;
}

/** The `/top` card. */
export interface TopCardData {
  readonly lang: CardLang;
  /** The chat's title, or the global board's name. */
  readonly chatTitle: string;
  /** The period as shown, like `This week` or `Week 2026-W47`. */
  readonly periodLabel: string;
  /** The top rows (up to 10), best first. */
  readonly rows: readonly TopCardRow[];
  /** The caller's row when it is not among `rows`: drawn after a separator. */
  readonly callerRow?: CardRow | undefined;
}

/** The card posted when a season (a week or a month) closes. */
export interface SeasonCardData {
  readonly lang: CardLang;
  readonly chatTitle: string;
  /** The season as shown, like `Week 2026-W47` or `November 2026`. */
  readonly seasonLabel: string;
  /** The final standings (up to 10), best first: 1st-3rd on the podium, the rest listed below. */
  readonly rows: readonly CardRow[];
}

/** A card to send with a text reply: which one, and its data. The text stays the caption and the fallback. */
export type CardSpec =
  | { readonly kind: "me"; readonly data: MeCardData }
  | { readonly kind: "top"; readonly data: TopCardData }
  | { readonly kind: "season"; readonly data: SeasonCardData };
