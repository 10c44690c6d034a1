import { nextPostAfter, REVEAL_HOURS_BOUNDS } from "../../core/game/daily.ts";
import type { RoundState } from "../../core/game/round.ts";
import { dailyMessages } from "../../core/i18n/daily.ts";
import { messages } from "../../core/i18n/index.ts";
import { bold, p } from "../../core/render/doc.ts";
import type { ChatRecord } from "../../core/ports.ts";
import { isValidTimeZone } from "../../core/time/periods.ts";
import { parseClockTime } from "../../core/time/zoned.ts";
import { participants, type AppDeps, type RequestContext } from "../context.ts";
import { notice, type Reply } from "../replies.ts";
import type { DailyEngine } from "./daily.ts";
import { localClock, localStamp, scheduleDaily } from "./daily-schedule.ts";

type Change = { ok: true; chat: ChatRecord } | { ok: false; error: string };

/** Applies `/daily on|off|time|tz|reveal <value>` to a chat, or says what is wrong with the value. */
function applyDaily(chat: ChatRecord, key: string, value: string, lang: "en" | "ru"): Change {
  const d = dailyMessages(lang);
  const daily = chat.settings.daily;
  const withDaily = (next: Partial<typeof daily>): Change => ({ ok: true, chat: { ...chat, settings: { ...chat.settings, daily: { ...daily, ...next } } } });
  switch (key) {
    case "on":
    case "off":
      return value === "" ? withDaily({ enabled: key === "on" }) : { ok: false, error: d.badArgs(`${key} ${value}`) };
    case "time": {
      const clock = parseClockTime(value);
      if (!clock || !/^\d{1,2}:\d{2}$/.test(value)) return { ok: false, error: d.badTime(value) };
      return withDaily({ time: `${String(clock.hour).padStart(2, "0")}:${String(clock.minute).padStart(2, "0")}` });
    }
    case "tz":
    case "timezone":
      return isValidTimeZone(value) ? { ok: true, chat: { ...chat, timezone: value } } : { ok: false, error: d.badZone(value) };
    case "reveal": {
      const [min, max] = REVEAL_HOURS_BOUNDS;
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < min || n > max) return { ok: false, error: d.badReveal(value, min, max) };
      return withDaily({ revealHours: n });
    }
    default:
      return { ok: false, error: d.badArgs(`${key} ${value}`.trim()) };
  }
}

/** `/daily`: the status for everyone; `on|off|time|tz|reveal|now` for chat admins. */
export function createDailyCommand(deps: AppDeps, engine: DailyEngine) {
  const { store, clock } = deps;

  function status(chat: ChatRecord, lang: "en" | "ru", lead: string | null): Reply[] {
    const d = dailyMessages(lang);
    const { enabled, time, revealHours } = chat.settings.daily;
    const next = nextPostAfter(chat.settings.daily, chat.timezone, clock.now(), store.lastDailyPost(chat.id)?.date ?? null);
    const lines = d.status({ enabled, time, timezone: chat.timezone, revealHours, next: next === null ? null : localStamp(next.at, chat.timezone) });
    return [{ type: "doc", doc: [...(lead ? [p(lead)] : []), p(bold(d.title)), p(lines.join("\n")), p(d.usage)] }];
  }

  return {
    async daily(ctx: RequestContext, args: readonly string[]): Promise<Reply[]> {
      const who = participants(store, ctx);
      const d = dailyMessages(who.lang);
      if (args.length === 0) return status(who.chat, who.lang, null);
      if (ctx.chat.kind === "group" && !(await ctx.isAdmin())) return [notice([p(d.adminOnly)])];
      const [rawKey = "", ...rest] = args;
      const key = rawKey.toLowerCase();
      const value = rest.join(" ").trim();
      if (key === "now") return postNow(ctx, who.chat, who.lang);
      const change = applyDaily(who.chat, key, value, who.lang);
      if (!change.ok) return [notice([p(change.error), p(d.usage)])];
      const saved = store.transaction(() => {
        store.updateChat(change.chat);
        scheduleDaily(store, change.chat, clock.now());
        return store.getChat(change.chat.id) ?? change.chat;
      });
      return status(saved, who.lang, d.saved);
    },
  };

  function postNow(ctx: RequestContext, chat: ChatRecord, lang: "en" | "ru"): Reply[] {
    const d = dailyMessages(lang);
    return store.transaction((): Reply[] => {
      const now = clock.now();
      const open = store.openSession<RoundState>(chat.id, "daily");
      if (open) return [notice([p(d.alreadyOpen(localClock(open.state.closesAt, chat.timezone)))])];
      const today = engine.today(chat, now);
      if (today.posted) return [notice([p(d.alreadyPosted(today.date))])];
      const outcome = engine.post(chat, today.date, now, now, ctx.user.id);
      if (outcome.kind === "no-questions") return [notice([p(messages(lang).noQuestions)])];
      scheduleDaily(store, chat, now);
      return [];
    });
  }
}

/** The `/daily` command. */
export type DailyCommand = ReturnType<typeof createDailyCommand>;
