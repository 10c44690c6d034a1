import { textIn, type Lang, type Question } from "../bank/types.ts";
import { messages } from "../i18n/index.ts";
import { bold, code, mono, p, type Block, type Doc } from "./doc.ts";

/** How options are labelled: letters (buttons, polls) or numbers (typed answers in the console). */
export type LabelStyle = "letters" | "numbers";

/** The label of option `index`: `A` or `1`. */
export function optionLabel(index: number, style: LabelStyle): string {
  return style === "letters" ? String.fromCharCode(65 + index) : String(index + 1);
}

/** The option texts of a question in one language. */
export function optionTexts(question: Question, lang: Lang): string[] {
  return question.options.map((option) => textIn(option, lang));
}

/** `B) 2`: an option with its label, used to name the right answer. */
export function labelledOption(question: Question, index: number, lang: Lang, style: LabelStyle): string {
  return `${optionLabel(index, style)}) ${textIn(question.options[index] ?? "?", lang)}`;
}

/**
 * A question as a message: a header that carries the question id (so users can
 * report it), the prompt, the code block, and the numbered options when they
 * are listed in the text rather than on buttons.
 */
export function renderQuestion(
  question: Question,
  lang: Lang,
  options: { header: string; style: LabelStyle; listOptions: boolean },
): Doc {
  const blocks: Block[] = [p(bold(options.header), " · ", mono(`[${question.id}]`)), p(question.prompt[lang])];
  if (question.code !== undefined) blocks.push(code(question.code));
  if (options.listOptions) {
    const lines = optionTexts(question, lang).map((text, i) => `${optionLabel(i, options.style)}) ${text}`);
    blocks.push(p(lines.join("\n")));
  }
  return blocks;
}

/** The explanation blocks shown after an answer or a close: `explain`, then `more` and the source. */
export function renderExplanation(question: Question, lang: Lang, withMore: boolean): Block[] {
  const blocks: Block[] = [p(question.explain[lang])];
  if (withMore && question.more) blocks.push(p(question.more[lang]));
  blocks.push(p(question.source));
  return blocks;
}

/** Feedback on a practice answer: right or wrong, the right option, and the explanation. */
export function renderFeedback(question: Question, lang: Lang, correct: boolean, style: LabelStyle, withMore = true): Doc {
  const t = messages(lang);
  const verdict = correct ? t.correct : t.wrong(labelledOption(question, question.answer, lang, style));
  return [p(bold(verdict)), ...renderExplanation(question, lang, withMore)];
}
