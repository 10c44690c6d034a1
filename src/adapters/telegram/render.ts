import { InlineKeyboard } from "grammy";
import type { PracticeFeedbackReply, PracticeQuestionReply } from "../../app/replies.ts";
import { messages } from "../../core/i18n/index.ts";
import { optionLabel, renderFeedback, renderQuestion } from "../../core/render/question.ts";
import { answerData, nextData } from "./callback-data.ts";
import { docToHtml, MAX_MESSAGE_LENGTH } from "./markup.ts";

/** A practice question: HTML with the options listed, and one lettered button per option. */
export function practiceQuestionMessage(reply: PracticeQuestionReply): { text: string; keyboard: InlineKeyboard } {
  const doc = renderQuestion(reply.question, reply.lang, { header: reply.header, style: "letters", listOptions: true });
  const keyboard = new InlineKeyboard();
  reply.question.options.forEach((_, i) => keyboard.text(optionLabel(i, "letters"), answerData(reply.sessionId, reply.number, i)));
  return { text: docToHtml(doc), keyboard };
}

/** The practice message after an answer: the question, the verdict and the explanation, and "Next". */
export function practiceFeedbackMessage(reply: PracticeFeedbackReply): { text: string; keyboard: InlineKeyboard } {
  const header = messages(reply.lang).practiceHeader(reply.number);
  const question = renderQuestion(reply.question, reply.lang, { header, style: "letters", listOptions: true });
  const withMore = `${docToHtml(question)}\n\n${docToHtml(renderFeedback(reply.question, reply.lang, reply.correct, "letters"))}`;
  // A long `more` could push past Telegram's limit: then it is left out (cutting HTML would break its tags).
  const text = withMore.length <= MAX_MESSAGE_LENGTH
    ? withMore
    : `${docToHtml(question)}\n\n${docToHtml(renderFeedback(reply.question, reply.lang, reply.correct, "letters", false))}`;
  return { text, keyboard: new InlineKeyboard().text(messages(reply.lang).next, nextData(reply.sessionId)) };
}
