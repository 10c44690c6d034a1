import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from "discord.js";
import type { Lang, Question } from "../../core/bank/types.ts";
import type { Doc } from "../../core/render/doc.ts";
import { optionLabel, renderQuestion } from "../../core/render/question.ts";
import { truncateMarkdown } from "./body-limits.ts";
import { docToMarkdown, MAX_EMBED_DESCRIPTION } from "./markup.ts";

/** Lettered answer buttons, at most five to a row. */
export function answerRows(count: number, customId: (option: number) => string): ActionRowBuilder<ButtonBuilder>[] {
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 5 === 0) rows.push(new ActionRowBuilder<ButtonBuilder>());
    rows[rows.length - 1]?.addComponents(
      new ButtonBuilder().setCustomId(customId(i)).setLabel(optionLabel(i, "letters")).setStyle(ButtonStyle.Secondary),
    );
  }
  return rows;
}

/** One button row with a single button. */
export function singleButton(customId: string, label: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(customId).setLabel(label).setStyle(ButtonStyle.Primary));
}

/** A doc as an embed description, within Discord's limit. */
export function docEmbed(doc: Doc, fallback?: Doc): EmbedBuilder {
  const text = docToMarkdown(doc);
  const description = text.length <= MAX_EMBED_DESCRIPTION || !fallback ? truncateMarkdown(text, MAX_EMBED_DESCRIPTION) : truncateMarkdown(docToMarkdown(fallback), MAX_EMBED_DESCRIPTION);
  return new EmbedBuilder().setDescription(description);
}

/** A question as an embed: header with the id, prompt, the code block and the lettered options. */
export function questionEmbed(question: Question, lang: Lang, header: string): EmbedBuilder {
  return docEmbed(renderQuestion(question, lang, { header, style: "letters", listOptions: true }));
}
