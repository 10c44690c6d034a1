import type { Lang } from "../../core/bank/types.ts";

/** A rough wait, like `in 3 h` or `через 2 д`: minutes below an hour, hours below two days, then days. */
export function formatWait(ms: number, lang: Lang): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const [value, unit] =
    minutes < 60 ? [minutes, lang === "ru" ? "мин" : "min"]
    : minutes < 48 * 60 ? [Math.round(minutes / 60), lang === "ru" ? "ч" : "h"]
    : [Math.round(minutes / 1440), lang === "ru" ? "д" : "d"];
  if (ms <= 0) return lang === "ru" ? "сейчас" : "now";
  return lang === "ru" ? `через ${value} ${unit}` : `in ${value} ${unit}`;
}
