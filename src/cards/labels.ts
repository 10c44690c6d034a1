import type { CardLang } from "./types.ts";

/** Every label drawn on a card, per language; the data brings names, titles and periods. */
export interface CardLabels {
  readonly meSubtitle: string;
  readonly answers: string;
  readonly correct: (n: number) => string;
  readonly accuracy: string;
  readonly streak: string;
  readonly best: (n: number) => string;
  readonly reviewsDue: string;
  readonly reviewHint: string;
  readonly topics: string;
  readonly weakest: string;
  readonly activity: string;
  readonly activeDays: (total: number) => string;
  readonly answered: string;
  readonly missed: string;
  readonly today: string;
  readonly leaderboard: string;
  readonly rankHeader: string;
  readonly player: string;
  readonly pointsHeader: string;
  readonly you: string;
  readonly noPoints: string;
  readonly seasonWinners: string;
  readonly points: (n: number) => string;
}

/** The Russian word for a count: 1 очко, 2 очка, 5 очков. */
function ruWord(n: number, one: string, few: string, many: string): string {
  const mod10 = Math.abs(n) % 10;
  const mod100 = Math.abs(n) % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  return mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
}

/** A whole number with grouped thousands: `12,345` in English, `12 345` (no-break space) in Russian. */
export function formatCount(n: number, lang: CardLang): string {
  const digits = String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+$)/g, lang === "ru" ? "\u00a0" : ",");
  return n < 0 ? `−${digits}` : digits;
}

const en: CardLabels = {
  meSubtitle: "memquiz · progress",
  answers: "Answers",
  correct: (n) => `${formatCount(n, "en")} correct`,
  accuracy: "Accuracy",
  streak: "Daily streak",
  best: (n) => `best ${formatCount(n, "en")}`,
  reviewsDue: "Reviews due",
  reviewHint: "/review",
  topics: "Topic mastery",
  weakest: "weakest",
  activity: "Last 8 weeks",
  activeDays: (total) => `of ${total} days with an answer`,
  answered: "answered",
  missed: "no answer",
  today: "today",
  leaderboard: "Leaderboard",
  rankHeader: "#",
  player: "Player",
  pointsHeader: "Points",
  you: "you",
  noPoints: "No points yet",
  seasonWinners: "Season winners",
  points: (n) => `${formatCount(n, "en")} ${n === 1 ? "point" : "points"}`,
};

const ru: CardLabels = {
  meSubtitle: "memquiz · прогресс",
  answers: "Ответы",
  correct: (n) => `верных: ${formatCount(n, "ru")}`,
  accuracy: "Точность",
  streak: "Серия дней",
  best: (n) => `рекорд ${formatCount(n, "ru")}`,
  reviewsDue: "К повторению",
  reviewHint: "/review",
  topics: "Освоение тем",
  weakest: "слабая",
  activity: "Последние 8 недель",
  activeDays: (total) => `из ${total} ${ruWord(total, "дня", "дней", "дней")} с ответом`,
  answered: "был ответ",
  missed: "нет ответа",
  today: "сегодня",
  leaderboard: "Рейтинг",
  rankHeader: "№",
  player: "Игрок",
  pointsHeader: "Очки",
  you: "вы",
  noPoints: "Очков пока нет",
  seasonWinners: "Итоги сезона",
  points: (n) => `${formatCount(n, "ru")} ${ruWord(n, "очко", "очка", "очков")}`,
};

const LABELS: Record<CardLang, CardLabels> = { en, ru };

/** The card labels in one language. */
export function cardLabels(lang: CardLang): CardLabels {
  return LABELS[lang];
}
