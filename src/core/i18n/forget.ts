import type { Lang } from "../bank/types.ts";
import { pluralRu } from "./ru.ts";

/** The text of `/forget`: the question, the buttons and every way it can end. */
export interface ForgetMessages {
  readonly title: string;
  readonly what: string;
  readonly expires: (minutes: number) => string;
  readonly confirmButton: string;
  readonly cancelButton: string;
  /** Text chats (the console) have no buttons. */
  readonly typeToConfirm: string;
  readonly done: (answers: number) => string;
  readonly cancelled: string;
  readonly expired: string;
  readonly notYours: string;
  readonly nothingToConfirm: string;
}

const en: ForgetMessages = {
  title: "Delete your data?",
  what: "This deletes everything memquiz stores about you, in every chat: your answers, points and places on the leaderboards, daily streaks, progress, review cards, open practice and reports. Other players keep their points. It can't be undone.",
  expires: (minutes) => `This request expires in ${minutes} minutes.`,
  confirmButton: "Delete my data",
  cancelButton: "Cancel",
  typeToConfirm: "Send /forget confirm to delete, or /forget cancel to keep everything.",
  done: (answers) => `Done: your data is deleted (${answers === 1 ? "1 answer" : `${answers} answers`} and everything built on them). If you play again, you start afresh.`,
  cancelled: "Cancelled. Nothing was deleted.",
  expired: "This request has expired and nothing was deleted. Send /forget again.",
  notYours: "Only the person who sent /forget can answer this.",
  nothingToConfirm: "There is nothing to confirm. Send /forget first.",
};

const ru: ForgetMessages = {
  title: "Удалить ваши данные?",
  what: "Будет удалено всё, что memquiz хранит о вас, во всех чатах: ответы, очки и места в таблицах лидеров, серии вопросов дня, прогресс, карточки повторения, открытая тренировка и сообщения об ошибках. Очки других игроков останутся. Отменить это нельзя.",
  expires: (minutes) => `Запрос действует ${pluralRu(minutes, "минуту", "минуты", "минут")}.`,
  confirmButton: "Удалить мои данные",
  cancelButton: "Отмена",
  typeToConfirm: "Отправьте /forget confirm, чтобы удалить, или /forget cancel, чтобы всё оставить.",
  done: (answers) => `Готово: ваши данные удалены (${pluralRu(answers, "ответ", "ответа", "ответов")} и всё, что на них построено). Если сыграете снова, начнёте с нуля.`,
  cancelled: "Отменено. Ничего не удалено.",
  expired: "Срок запроса истёк, ничего не удалено. Отправьте /forget ещё раз.",
  notYours: "Ответить на этот запрос может только тот, кто отправил /forget.",
  nothingToConfirm: "Подтверждать нечего. Сначала отправьте /forget.",
};

const CATALOGS: Record<Lang, ForgetMessages> = { en, ru };

/** The `/forget` text in one language. */
export function forgetMessages(lang: Lang): ForgetMessages {
  return CATALOGS[lang];
}
