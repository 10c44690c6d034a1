import type { Lang } from "../bank/types.ts";
import { pluralRu } from "./ru.ts";

/** The daily question's, streaks' and seasons' UI text. */
export interface DailyMessages {
  readonly title: string;
  readonly header: (date: string, revealTime: string) => string;
  readonly revealTitle: (date: string, answer: string) => string;
  readonly rightList: (count: number) => string;
  readonly winnerLine: (name: string, points: number, streak: number) => string;
  readonly andMore: (n: number) => string;
  readonly nobodyRight: string;
  readonly noAnswers: string;
  readonly answered: (n: number) => string;
  readonly seasonTitle: (period: "week" | "month", key: string) => string;
  readonly seasonWinner: (name: string, points: number) => string;
  readonly seasonEmpty: string;
  readonly archiveTitle: (period: "week" | "month", key: string, global: boolean) => string;
  readonly archiveEmpty: (period: "week" | "month", key: string) => string;
  readonly status: (s: { enabled: boolean; time: string; timezone: string; revealHours: number; next: string | null }) => string[];
  readonly usage: string;
  readonly adminOnly: string;
  readonly badTime: (value: string) => string;
  readonly badZone: (value: string) => string;
  readonly badReveal: (value: string, min: number, max: number) => string;
  readonly badArgs: (value: string) => string;
  readonly saved: string;
  readonly alreadyOpen: (revealTime: string) => string;
  readonly alreadyPosted: (date: string) => string;
  readonly posted: string;
  readonly meStreak: (current: number, best: number) => string;
}

const s = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const EXAMPLES = "Europe/Berlin, Asia/Tokyo, America/Los_Angeles or UTC";

const en: DailyMessages = {
  title: "Daily question",
  header: (date, reveal) => `Daily question · ${date} · answer until ${reveal}`,
  revealTitle: (date, answer) => `Daily question of ${date}: the answer is ${answer}.`,
  rightList: (n) => `Right (${n}):`,
  winnerLine: (name, points, streak) => `${name} +${points} · streak ${s(streak, "day", "days")}`,
  andMore: (n) => `…and ${n} more.`,
  nobodyRight: "Nobody got it right.",
  noAnswers: "Nobody answered.",
  answered: (n) => `${s(n, "player", "players")} answered.`,
  seasonTitle: (period, key) => `${period === "week" ? "Week" : "Month"} ${key} is over! Final standings:`,
  seasonWinner: (name, points) => `Winner: ${name} with ${s(points, "point", "points")}.`,
  seasonEmpty: "Nobody scored this season.",
  archiveTitle: (period, key, global) => `Final standings — ${period === "week" ? "week" : "month"} ${key} · ${global ? "everyone" : "this chat"}`,
  archiveEmpty: (period, key) => `Nobody scored in ${period === "week" ? "week" : "month"} ${key}.`,
  status: (v) => [
    `daily question: ${v.enabled ? "on" : "off"}`,
    `time: ${v.time} (${v.timezone})`,
    `reveal after: ${s(v.revealHours, "hour", "hours")}`,
    ...(v.next === null ? [] : [`next: ${v.next}`]),
  ],
  usage: "Change with: /daily on · /daily off · /daily time 09:00 · /daily tz Europe/Berlin · /daily reveal 1-23 · /daily now",
  adminOnly: "Only chat admins can change the daily question.",
  badTime: (v) => `"${v}" is not a time. Use 24-hour HH:MM, for example 09:00 or 18:30. Nothing was changed.`,
  badZone: (v) => `"${v}" is not an IANA time zone. Use one such as ${EXAMPLES}. Nothing was changed.`,
  badReveal: (v, min, max) => `"${v}" is not a number of hours from ${min} to ${max}, for example 12. Nothing was changed.`,
  badArgs: (v) => `I don't know /daily ${v}. Nothing was changed.`,
  saved: "Saved.",
  alreadyOpen: (reveal) => `The daily question is already open; it is revealed at ${reveal}.`,
  alreadyPosted: (date) => `The daily question of ${date} was already posted; the next one comes tomorrow.`,
  posted: "Daily question posted.",
  meStreak: (current, best) => `Daily streak: ${s(current, "day", "days")} (best ${best})`,
};

const ru: DailyMessages = {
  title: "Вопрос дня",
  header: (date, reveal) => `Вопрос дня · ${date} · ответ до ${reveal}`,
  revealTitle: (date, answer) => `Вопрос дня ${date}: правильный ответ — ${answer}.`,
  rightList: (n) => `Верно ответили (${n}):`,
  winnerLine: (name, points, streak) => `${name} +${points} · серия ${pluralRu(streak, "день", "дня", "дней")}`,
  andMore: (n) => `…и ещё ${n}.`,
  nobodyRight: "Никто не ответил верно.",
  noAnswers: "Никто не ответил.",
  answered: (n) => `Ответили: ${pluralRu(n, "игрок", "игрока", "игроков")}.`,
  seasonTitle: (period, key) => `${period === "week" ? "Неделя" : "Месяц"} ${key} завершён${period === "week" ? "а" : ""}! Итоги:`,
  seasonWinner: (name, points) => `Победитель: ${name}, ${pluralRu(points, "очко", "очка", "очков")}.`,
  seasonEmpty: "В этом сезоне никто не набрал очков.",
  archiveTitle: (period, key, global) => `Итоги — ${period === "week" ? "неделя" : "месяц"} ${key} · ${global ? "все" : "этот чат"}`,
  archiveEmpty: (period, key) => `${period === "week" ? "За неделю" : "За месяц"} ${key} никто не набрал очков.`,
  status: (v) => [
    `вопрос дня: ${v.enabled ? "включён" : "выключен"}`,
    `время: ${v.time} (${v.timezone})`,
    `ответ через: ${pluralRu(v.revealHours, "час", "часа", "часов")}`,
    ...(v.next === null ? [] : [`следующий: ${v.next}`]),
  ],
  usage: "Изменить: /daily on · /daily off · /daily time 09:00 · /daily tz Europe/Moscow · /daily reveal 1-23 · /daily now",
  adminOnly: "Вопрос дня настраивают только админы чата.",
  badTime: (v) => `«${v}» — не время. Укажите ЧЧ:ММ в 24-часовом формате, например 09:00 или 18:30. Ничего не изменено.`,
  badZone: (v) => `«${v}» — не часовой пояс IANA. Например: Europe/Moscow, Asia/Tokyo, America/Los_Angeles или UTC. Ничего не изменено.`,
  badReveal: (v, min, max) => `«${v}» — не число часов от ${min} до ${max}, например 12. Ничего не изменено.`,
  badArgs: (v) => `Не знаю команды /daily ${v}. Ничего не изменено.`,
  saved: "Сохранено.",
  alreadyOpen: (reveal) => `Вопрос дня уже открыт; ответ будет в ${reveal}.`,
  alreadyPosted: (date) => `Вопрос дня за ${date} уже был; следующий — завтра.`,
  posted: "Вопрос дня опубликован.",
  meStreak: (current, best) => `Серия вопросов дня: ${pluralRu(current, "день", "дня", "дней")} (лучшая ${best})`,
};

const CATALOGS: Record<Lang, DailyMessages> = { en, ru };

/** The daily question's UI text in one language. */
export function dailyMessages(lang: Lang): DailyMessages {
  return CATALOGS[lang];
}
