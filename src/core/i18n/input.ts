import type { Lang } from "../bank/types.ts";

/** Refusals of malformed input that the platform should never have sent. */
export interface InputMessages {
  /** A slash command whose options don't match its registration (a stale client or a forged payload). */
  readonly badOptions: (command: string) => string;
}

const CATALOGS: Record<Lang, InputMessages> = {
  en: { badOptions: (command) => `Those options don't fit /${command}; nothing was changed. Pick them from the command's menu.` },
  ru: { badOptions: (command) => `Эти параметры не подходят для /${command}; ничего не изменено. Выберите их в меню команды.` },
};

/** The text for malformed input in one language. */
export function inputMessages(lang: Lang): InputMessages {
  return CATALOGS[lang];
}
