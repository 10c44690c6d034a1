import type { Messages } from "./messages.ts";

/** Russian plural form: 1 вопрос, 2 вопроса, 5 вопросов. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 === 1 && mod100 !== 11 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
  return `${n} ${word}`;
}

/** Russian UI text. */
export const ru: Messages = {
  greeting: "Привет! Я memquiz: викторина о том, как CPython управляет памятью, — подсчёт ссылок, сборщик мусора, финализаторы, слабые ссылки и завершение интерпретатора.",
  helpTitle: "Команды:",
  commands: {
    practice: "/practice [тема] — вопросы по одному, под ваш уровень",
    review: "/review — повторение вопросов, на которые вы ошиблись",
    quiz: "/quiz [n] [тема] — раунд на время для всего чата",
    stop: "/stop — остановить раунд",
    top: "/top [week|month|all|last-week|last-month] [global] — таблица лидеров",
    me: "/me — ваш прогресс",
    daily: "/daily — вопрос дня: on|off, time, tz, now (админы)",
    settings: "/settings — настройки чата (для админов)",
    lang: "/lang en|ru — язык",
    report: "/report <текст> — сообщить об ошибке в последнем вопросе",
    forget: "/forget — удалить всё, что memquiz хранит о вас",
    help: "/help — этот список",
  },
  unknownCommand: (name) => `Команды /${name} нет. Список команд: /help.`,
  somethingWentWrong: "Извините, у меня что-то сломалось. Попробуйте ещё раз.",
  tooFast: "Слишком много команд подряд — часть я пропущу. Попробуйте через несколько секунд.",

  practiceHeader: (n) => `Тренировка · вопрос ${n}`,
  reviewHeader: (n) => `Повторение · вопрос ${n}`,
  noReviewsDue: (wait) => `Сейчас повторять нечего. Следующее повторение ${wait}.`,
  noReviewCards: "Повторять пока нечего: сюда возвращаются вопросы, на которые вы ответили неверно.",
  practiceOnlyPrivate: "Тренировка работает в личном чате со мной. В группе запустите раунд командой /quiz.",
  noQuestions: "Для такого выбора вопросов нет.",
  unknownTopic: (topic, topics) => `Темы «${topic}» нет. Темы: ${topics}`,
  correct: "✅ Верно!",
  wrong: (answer) => `❌ Не совсем. Правильный ответ: ${answer}.`,
  next: "Дальше",
  staleButton: "Этот вопрос уже закрыт.",
  notYourPractice: "Это чужая тренировка.",
  noPractice: "Открытого вопроса нет. Начните с /practice.",
  pickOption: (max) => `Ответьте числом от 1 до ${max}.`,
  notACommand: "Введите команду (см. /help) или номер варианта ответа.",

  roundStarted: (q, sec) => `Раунд начался: ${pluralRu(q, "вопрос", "вопроса", "вопросов")}, по ${sec} с на каждый. Засчитывается первый ответ!`,
  roundAlreadyRunning: "В этом чате уже идёт раунд. Остановить его: /stop.",
  roundNotRunning: "Раунд не идёт.",
  roundStopNotAllowed: "Остановить раунд может только тот, кто его начал, или админ чата.",
  roundQuestionHeader: (i, total, sec) => `Вопрос ${i}/${total} · ${sec} с`,
  roundQuestionClosed: (i, total) => `Вопрос ${i}/${total} · закрыт`,
  roundBadCount: (max) => `Число вопросов должно быть от 1 до ${max}.`,
  answerLocked: (label) => `Ответ принят: ${label}`,
  alreadyAnswered: "Вы уже ответили на этот вопрос; засчитывается первый ответ.",
  questionClosed: "Этот вопрос уже закрыт.",
  timeUp: (answer) => `Время вышло! Правильный ответ: ${answer}.`,
  whoWasRight: "Ответили верно, от самых быстрых:",
  nobodyRight: "Никто не ответил верно.",
  noAnswers: "Ответов нет.",
  pointsNotCounted: (min) => `Очки начисляются, только если ответили хотя бы ${min} игрока.`,
  answeredCount: (n) => `Ответили: ${pluralRu(n, "игрок", "игрока", "игроков")}.`,
  roundOver: "Раунд окончен! Итоги:",
  roundStopped: (asked, total) => `Раунд остановлен после ${asked} из ${total} вопросов. Итоги:`,
  standingsHeader: ["#", "игрок", "очки", "верно"],
  seconds: (ms) => `${(ms / 1000).toFixed(1).replace(".", ",")} с`,

  periodNames: { week: "эта неделя", month: "этот месяц", all: "всё время" },
  topTitle: (period, global) => `Лидеры — ${period} · ${global ? "все чаты" : "этот чат"}`,
  topEmpty: "За этот период очков пока нет. Очки дают раунды, где играют от двух человек.",
  topHeader: ["#", "игрок", "очки"],
  yourRank: (rank, points, players) => `Вы: №${rank} из ${players}, ${pluralRu(points, "очко", "очка", "очков")}.`,
  youHaveNoPoints: "У вас пока нет очков за этот период.",
  topUsage: "Формат: /top [week|month|all|last-week|last-month] [global]",

  meTitle: (name) => `Прогресс — ${name}`,
  meTotals: (answers, acc) => `${pluralRu(answers, "ответ", "ответа", "ответов")}, верных ${acc}%`,
  meNoAnswers: "Ответов пока нет. Начните с /practice.",
  meTopicHeader: ["тема", "ответы", "верно", "освоено"],
  meWeakest: (topic) => `Слабее всего: ${topic}. Попробуйте /practice по этой теме.`,
  meReviewsDue: (n) => `Пора повторить: ${pluralRu(n, "вопрос", "вопроса", "вопросов")} — /review`,
  meNextReview: (wait) => `Повторять пока нечего; следующее повторение ${wait}.`,
  meNoReviews: "Повторений пока нет.",
  meStreak: (n) => `Верных ответов подряд: ${n}`,
  meRank: (rank, points) => `Этот чат, за всё время: №${rank}, ${pluralRu(points, "очко", "очка", "очков")}`,

  settingsTitle: "Настройки чата",
  settingsLines: (v) => [
    `язык: ${v.lang}`,
    `часовой пояс: ${v.timezone}`,
    `секунд на вопрос: ${v.roundSeconds}`,
    `вопросов в раунде: ${v.roundQuestions}`,
    `темы: ${v.topics}`,
  ],
  settingsUsage: "Изменить: /settings lang en|ru|auto · /settings tz Europe/Moscow · /settings seconds 10-120 · /settings questions 1-20 · /settings topics all|тема,тема",
  settingsAdminOnly: "Менять настройки могут только админы чата.",
  settingsSaved: "Сохранено.",
  settingsBadValue: (key, rule) => `Не удалось изменить ${key}: ${rule}. Ничего не изменено.`,
  allTopics: "все",
  langUsage: "Формат: /lang en или /lang ru (или /lang auto — как в приложении).",
  langSet: "Язык: русский.",

  reportSaved: (id) => `Спасибо! Сообщение о вопросе [${id}] сохранено.`,
  reportUsage: "Формат: /report <что не так> — сразу после вопроса.",
  reportNothing: "Недавнего вопроса нет. Отправьте /report сразу после вопроса.",
};
