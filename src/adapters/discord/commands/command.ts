import { SlashCommandBuilder, type ChatInputCommandInteraction, type SlashCommandOptionsOnlyBuilder } from "discord.js";
import type { Bank } from "../../../core/bank/types.ts";
import { messages } from "../../../core/i18n/index.ts";

/** One slash command: its registration data, and how its options become the app's command arguments. */
export interface DiscordCommand {
  /** The app command it runs (`practice`, `quiz`, …). */
  readonly name: string;
  /** Practice-like commands run in the user's private practice space, answered ephemerally. */
  readonly personal: boolean;
  /** The registration payload; topic choices come from the bank. */
  data(bank: Bank): SlashCommandOptionsOnlyBuilder;
  /** The arguments, as `/name arg1 arg2` would give them. */
  args(interaction: ChatInputCommandInteraction): string[];
}

/** Russian command names, shown to Russian-language Discord clients. */
const RU_NAMES: Record<string, string> = {
  practice: "тренировка",
  review: "повторение",
  quiz: "викторина",
  stop: "стоп",
  daily: "вопрос-дня",
  top: "лидеры",
  me: "прогресс",
  settings: "настройки",
  lang: "язык",
  report: "ошибка",
  forget: "забыть",
  help: "помощь",
};

/** The description of a command from the help text, without its usage part. */
function description(name: string, lang: "en" | "ru"): string {
  const text = messages(lang).commands[name] ?? name;
  return text.replace(/^\/\S+(?:\s+[[<][^—]*)?\s+—\s+/, "").slice(0, 100);
}

/** A slash command builder with the name, description and Russian localizations filled in. */
export function baseCommand(name: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description(name, "en"))
    .setNameLocalizations({ ru: RU_NAMES[name] ?? name })
    .setDescriptionLocalizations({ ru: description(name, "ru") });
}

/** Topic choices from the bank, with Russian names. */
export function topicChoices(bank: Bank): { name: string; value: string; name_localizations: { ru: string } }[] {
  return bank.topics.slice(0, 25).map((t) => ({ name: t.title.en.slice(0, 100), value: t.id, name_localizations: { ru: t.title.ru.slice(0, 100) } }));
}
