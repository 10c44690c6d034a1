import type { Lang } from "../bank/types.ts";
import { en } from "./en.ts";
import type { Messages } from "./messages.ts";
import { ru } from "./ru.ts";

export type { Messages } from "./messages.ts";

const CATALOGS: Record<Lang, Messages> = { en, ru };

/** The UI text in one language. */
export function messages(lang: Lang): Messages {
  return CATALOGS[lang];
}

/** Maps a platform language code (`ru`, `ru-RU`, `ru_RU.UTF-8`) to a supported language; English otherwise. */
export function langFromCode(code: string | undefined | null): Lang {
  return code && /^ru(?:[-_.]|$)/i.test(code) ? "ru" : "en";
}
