import type { MeCardData, SeasonCardData, TopCardData } from "../../src/cards/types.ts";

/** The bank's topics in both languages, in the bank's order. */
const TOPICS: readonly [string, string, string][] = [
  ["allocator", "Memory allocator", "Аллокатор памяти"],
  ["cyclic-gc", "Cyclic garbage collector", "Циклический сборщик мусора"],
  ["finalizers", "Finalizers and __del__", "Финализаторы и __del__"],
  ["immortal-objects", "Immortal objects and interning", "Бессмертные объекты и интернирование"],
  ["misconceptions", "Myths and misconceptions", "Мифы и заблуждения"],
  ["refcounting", "Reference counting", "Подсчёт ссылок"],
  ["shutdown", "Interpreter shutdown", "Завершение интерпретатора"],
  ["tools", "Memory debugging tools", "Инструменты отладки памяти"],
  ["weakref", "Weak references", "Слабые ссылки"],
];

const MASTERY = [0.82, 0.64, 0.31, 0.9, 0.55, 0.97, 0.48, 0.71, 0.6];

/** A fixed 56-day participation pattern (oldest first, today answered). */
export const PARTICIPATION: readonly boolean[] = Array.from({ length: 56 }, (_, i) => (i * 7 + (i >> 2)) % 5 !== 0 || i === 55);

/** A typical `/me` card in English. */
export const meEn: MeCardData = {
  lang: "en",
  name: "Ada Lovelace",
  topics: TOPICS.map(([key, title], i) => ({ key, title, mastery: MASTERY[i] ?? 0 })),
  weakestTopicKey: "finalizers",
  answers: 1234,
  correct: 987,
  streak: { current: 12, best: 31 },
  participation: PARTICIPATION,
  reviewsDue: 7,
};

/** The worst case for `/me`: a very long Russian name, Russian labels, no answers and a 400-day streak. */
export const meRuEdge: MeCardData = {
  lang: "ru",
  name: "Александра Константиновна Преображенская-Верхнеднепровская (админ чата «Сборщики мусора»)",
  topics: TOPICS.map(([key, , title]) => ({ key, title, mastery: 0 })),
  answers: 0,
  correct: 0,
  streak: { current: 400, best: 400 },
  participation: Array.from({ length: 56 }, () => true),
  reviewsDue: 0,
};

const NAMES = ["Ada", "Grace Hopper", "Линус", "Guido", "Барбара Лисков", "Ken", "Dennis", "Margaret Hamilton", "Алан", "Tim"];
const POINTS = [480, 455, 455, 390, 301, 250, 180, 120, 64, 12];

/** `/top` with the caller inside the top 10. */
export const topEn: TopCardData = {
  lang: "en",
  chatTitle: "CPython internals study group",
  periodLabel: "This week",
  rows: NAMES.map((name, i) => ({ rank: [1, 2, 2, 4, 5, 6, 7, 8, 9, 10][i] ?? i + 1, name, points: POINTS[i] ?? 0, isCaller: i === 4 })),
};

/** `/top` in Russian with the caller 37th, shown after a separator, and long names. */
export const topRuOutside: TopCardData = {
  lang: "ru",
  chatTitle: "Очень длинное название чата про управление памятью в CPython и сборку мусора",
  periodLabel: "Ноябрь 2026",
  rows: NAMES.map((name, i) => ({ rank: i + 1, name: i === 2 ? `${name} ${"Очень-очень-длинная-фамилия ".repeat(4)}` : name, points: (POINTS[i] ?? 0) * 1000, isCaller: false })),
  callerRow: { rank: 37, name: "Вероника Самая-Длинная-Фамилия-На-Свете Тестовая", points: 3 },
};

/** A closed week's standings. */
export const seasonEn: SeasonCardData = {
  lang: "en",
  chatTitle: "CPython internals study group",
  seasonLabel: "Week 2026-W47",
  rows: NAMES.map((name, i) => ({ rank: i + 1, name, points: POINTS[i] ?? 0 })),
};

/** A closed month in Russian with only two players. */
export const seasonRuShort: SeasonCardData = {
  lang: "ru",
  chatTitle: "Сборщики мусора",
  seasonLabel: "Ноябрь 2026",
  rows: [{ rank: 1, name: "Александра Константиновна Преображенская", points: 12_345 }, { rank: 2, name: "Линус", points: 1 }],
};
