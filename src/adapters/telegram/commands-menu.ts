import type { Api } from "grammy";
import { COMMAND_NAMES } from "../../app/game-app.ts";
import type { Lang } from "../../core/bank/types.ts";
import { messages } from "../../core/i18n/index.ts";

/** The command menu in one language: the descriptions from the help text, without the usage part. */
export function commandMenu(lang: Lang): { command: string; description: string }[] {
  const t = messages(lang);
  return COMMAND_NAMES.filter((name) => t.commands[name]).map((name) => ({
    command: name,
    description: (t.commands[name] ?? name).replace(/^\/\S+(?:\s+[[<][^—]*)?\s+—\s+/, "").slice(0, 256),
  }));
}

/** Registers the command menu in English (the default) and in Russian. */
export async function registerCommands(api: Api): Promise<void> {
  await api.setMyCommands(commandMenu("en"));
  await api.setMyCommands(commandMenu("ru"), { language_code: "ru" });
}
