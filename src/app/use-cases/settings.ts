import type { Lang } from "../../core/bank/types.ts";
import { messages } from "../../core/i18n/index.ts";
import { bold, p } from "../../core/render/doc.ts";
import type { ChatRecord } from "../../core/ports.ts";
import { isValidTimeZone } from "../../core/time/periods.ts";
import { participants, type AppDeps, type RequestContext } from "../context.ts";
import { notice, type Reply } from "../replies.ts";
import { scheduleDaily } from "./daily-schedule.ts";

/** The bounds on chat settings. */
export const SETTING_BOUNDS = { seconds: [10, 120], questions: [1, 20] } as const;

type Change = { ok: true; chat: ChatRecord } | { ok: false; rule: string };

function parseLang(value: string): Lang | null | undefined {
  if (value === "en" || value === "ru") return value;
  if (value === "auto") return null;
  return undefined;
}

function applySetting(chat: ChatRecord, key: string, value: string, topics: readonly string[], lang: Lang): Change {
  switch (key) {
    case "cards": {
      const on = value.toLowerCase();
      if (on !== "on" && on !== "off") return { ok: false, rule: messages(lang).settingsCardsRule };
      return { ok: true, chat: { ...chat, settings: { ...chat.settings, cards: on === "on" } } };
    }
    case "lang": {
      const lang = parseLang(value);
      return lang === undefined ? { ok: false, rule: "use en, ru or auto" } : { ok: true, chat: { ...chat, lang } };
    }
    case "tz":
    case "timezone":
      return isValidTimeZone(value)
        ? { ok: true, chat: { ...chat, timezone: value } }
        : { ok: false, rule: "use an IANA time zone such as Europe/Berlin, Asia/Tokyo or UTC" };
    case "seconds":
    case "questions": {
      const [min, max] = SETTING_BOUNDS[key];
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < min || n > max) return { ok: false, rule: `use a whole number from ${min} to ${max}` };
      const settings = key === "seconds" ? { ...chat.settings, roundSeconds: n } : { ...chat.settings, roundQuestions: n };
      return { ok: true, chat: { ...chat, settings } };
    }
    case "topics": {
      if (value === "all") return { ok: true, chat: { ...chat, settings: { ...chat.settings, topics: [] } } };
      const chosen = [...new Set(value.toLowerCase().split(",").map((t) => t.trim()).filter(Boolean))];
      const unknown = chosen.filter((t) => !topics.includes(t));
      if (chosen.length === 0 || unknown.length > 0) return { ok: false, rule: `use "all" or topics from: ${topics.join(", ")}` };
      return { ok: true, chat: { ...chat, settings: { ...chat.settings, topics: chosen } } };
    }
    default:
      return { ok: false, rule: "the keys are lang, tz, seconds, questions, topics and cards" };
  }
}

/** Chat settings (`/settings`, admins only in groups) and the user's language (`/lang`). */
export function createSettings(deps: AppDeps) {
  const { store, bank } = deps;
  return {
    /** `/settings` shows the settings; `/settings <key> <value>` changes one, or changes nothing and says why. */
    async settings(ctx: RequestContext, args: readonly string[]): Promise<Reply[]> {
      const who = participants(store, ctx);
      const t = messages(who.lang);
      if (args.length === 0) {
        const { chat } = who;
        const lines = t.settingsLines({
          lang: chat.lang ?? "auto",
          timezone: chat.timezone,
          roundSeconds: chat.settings.roundSeconds,
          roundQuestions: chat.settings.roundQuestions,
          topics: chat.settings.topics.length === 0 ? t.allTopics : chat.settings.topics.join(", "),
          cards: chat.settings.cards,
        });
        return [{ type: "doc", doc: [p(bold(t.settingsTitle)), p(lines.join("\n")), p(t.settingsUsage)] }];
      }
      if (ctx.chat.kind === "group" && !(await ctx.isAdmin())) return [notice([p(t.settingsAdminOnly)])];
      const [key = "", ...rest] = args;
      const change = applySetting(who.chat, key.toLowerCase(), rest.join(" ").trim(), bank.topics.map((x) => x.id), who.lang);
      if (!change.ok) return [notice([p(t.settingsBadValue(key, change.rule)), p(t.settingsUsage)])];
      store.transaction(() => {
        store.updateChat(change.chat);
        scheduleDaily(store, change.chat, deps.clock.now());
      });
      const lang = participants(store, ctx).lang;
      return [{ type: "doc", doc: [p(messages(lang).settingsSaved)] }];
    },

    /** `/lang en|ru|auto`: the user's own language everywhere. */
    lang(ctx: RequestContext, args: readonly string[]): Reply[] {
      const who = participants(store, ctx);
      const lang = args.length === 1 ? parseLang((args[0] ?? "").toLowerCase()) : undefined;
      if (lang === undefined) return [notice([p(messages(who.lang).langUsage)])];
      store.setUserLang(who.user.id, lang);
      const now = participants(store, ctx).lang;
      return [{ type: "doc", doc: [p(messages(now).langSet)] }];
    },
  };
}

/** The settings use cases. */
export type Settings = ReturnType<typeof createSettings>;
