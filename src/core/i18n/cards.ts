import type { Lang } from "../bank/types.ts";
import type { Period } from "../ports.ts";

/** The titles and period names the use cases put on picture cards (the drawn labels live in `src/cards`). */
export interface CardMessages {
  /** The period of a live board, as a card shows it: `This week`. */
  readonly period: Readonly<Record<Period, string>>;
  /** A closed season: `Week 2026-W47`, `November 2026`. */
  readonly season: (period: "week" | "month", key: string) => string;
  /** The title of the global boards. */
  readonly everyone: string;
  /** The title of a private chat's board. */
  readonly privateChat: string;
  /** The title of a group whose name the bot has not seen. */
  readonly thisChat: string;
}

const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const RU_MONTHS = ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"];

/** `2026-11` as `November 2026` in the given month names; any other key as it is. */
function monthLabel(key: string, names: readonly string[]): string {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  const name = match ? names[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : key;
}

const en: CardMessages = {
  period: { week: "This week", month: "This month", all: "All time" },
  season: (period, key) => (period === "week" ? `Week ${key}` : monthLabel(key, EN_MONTHS)),
  everyone: "Everyone",
  privateChat: "Private chat",
  thisChat: "This chat",
};

const ru: CardMessages = {
  period: { week: "Эта неделя", month: "Этот месяц", all: "За всё время" },
  season: (period, key) => (period === "week" ? `Неделя ${key}` : monthLabel(key, RU_MONTHS)),
  everyone: "Все чаты",
  privateChat: "Личный чат",
  thisChat: "Этот чат",
};

const CATALOGS: Record<Lang, CardMessages> = { en, ru };

/** The card titles in one language. */
export function cardMessages(lang: Lang): CardMessages {
  return CATALOGS[lang];
}
