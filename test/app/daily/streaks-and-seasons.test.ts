import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RequestContext } from "../../../src/app/context.ts";
import { zonedInstant } from "../../../src/core/time/zoned.ts";
import { closeDatabase } from "../../../src/storage/index.ts";
import { createHarness, ctxFor } from "../../helpers/harness.ts";
import { dailyPosts, runUntil, say, sentOf } from "../../helpers/daily-driver.ts";

const CHAT = "t:g";
const ZONE = "Asia/Tokyo";
const admin = ctxFor("t:admin", CHAT, "group", { admin: true });
const ann = ctxFor("t:ann", CHAT);
const bob = ctxFor("t:bob", CHAT);
/** Tokyo wall time on a day of November 2026 (day 31 = December 1st), as an instant. */
const tokyo = (day: number, hour: number) =>
  day > 30 ? zonedInstant({ year: 2026, month: 12, day: day - 30, hour, minute: 0 }, ZONE) : zonedInstant({ year: 2026, month: 11, day, hour, minute: 0 }, ZONE);

type Harness = ReturnType<typeof createHarness>;

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "memquiz-seasons-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function setUp(at: number): Promise<Harness> {
  const h = createHarness({ dbPath: join(dir, "memquiz.db"), start: at });
  await say(h, admin, `/daily tz ${ZONE}`);
  await say(h, admin, "/daily time 09:00");
  await say(h, admin, "/daily on");
  return h;
}

/** Answers the chat's open daily question, right or wrong. */
function answer(h: Harness, who: RequestContext, right: boolean): void {
  const post = dailyPosts(h.sent, CHAT).at(-1)!;
  const q = h.bank.byId(post.questionId)!;
  const option = right ? q.answer : (q.answer + 1) % q.options.length;
  expect(h.app.rounds.answer(who, { sessionId: post.sessionId, index: 0, option }).kind).toBe("accepted");
}

describe("daily streaks", () => {
  it("uses one freeze for a missed day, then breaks on a second miss in the same week", async () => {
    const h = await setUp(tokyo(1, 12)); // Sunday; the week of Monday the 2nd follows
    const plan: Record<number, boolean> = { 2: true, 3: true, 4: false, 5: true, 6: false, 7: true };
    for (let day = 2; day <= 7; day++) {
      await runUntil(h, tokyo(day, 10));
      if (plan[day]) answer(h, ann, true);
    }
    await runUntil(h, tokyo(7, 22));
    const streaks = sentOf(h.sent, CHAT, "daily-reveal").map((r) => [r.date, r.correct.find((c) => c.userId === "t:ann")?.streak ?? null]);
    expect(streaks).toEqual([
      ["2026-11-02", 1],
      ["2026-11-03", 2],
      ["2026-11-04", null],
      ["2026-11-05", 3], // Wednesday was forgiven by the week's freeze
      ["2026-11-06", null],
      ["2026-11-07", 1], // Friday was a second miss in the same week: a new streak
    ]);
    // The streak bonus adds to the points: +3 on the 5th.
    const fifth = sentOf(h.sent, CHAT, "daily-reveal")[3]!.correct[0]!;
    const q = h.bank.byId(sentOf(h.sent, CHAT, "daily-reveal")[3]!.questionId)!;
    expect(fifth.points).toBe(10 * q.level + 3);
    const me = await say(h, ann, "/me");
    expect(me).toContain("Daily streak: 1 day (best 3)");
    await h.runtime.stop();
    closeDatabase(h.db);
  });
});

describe("seasons", () => {
  it("archives and posts the week's and the month's final standings once, before the next question, even across a restart", async () => {
    let h = await setUp(tokyo(22, 12)); // Sunday the 22nd
    for (let day = 23; day <= 29; day++) {
      await runUntil(h, tokyo(day, 10));
      answer(h, ann, true);
      answer(h, bob, day % 2 === 0);
    }
    await runUntil(h, tokyo(30, 9) + 1); // Monday the 30th: a new week
    const types = h.sent.filter((s) => s.chatId === CHAT).map((s) => s.payload.type);
    expect(types.slice(-3)).toEqual(["daily-reveal", "season-results", "daily-question"]);
    const [week] = sentOf(h.sent, CHAT, "season-results");
    expect(week).toMatchObject({ period: "week", key: "2026-W48" });
    expect(week!.standings.map((r) => r.name)).toEqual(["ann", "bob"]);
    await h.runtime.stop();
    closeDatabase(h.db);

    // A restart on Monday doesn't post the week again; Tuesday the 1st closes November.
    h = createHarness({ dbPath: join(dir, "memquiz.db"), start: tokyo(30, 9) + 60_000 });
    await h.runtime.tick();
    await runUntil(h, tokyo(31, 10));
    const seasons = sentOf(h.sent, CHAT, "season-results");
    expect(seasons.map((s) => `${s.period} ${s.key}`)).toEqual(["month 2026-11"]);
    expect(seasons[0]!.standings[0]!.name).toBe("ann");

    const lastWeek = await say(h, ann, "/top last-week");
    expect(lastWeek).toContain("Final standings — week 2026-W48 · this chat");
    expect(lastWeek).toMatch(/Winner: ann with \d+ points/);
    expect(await say(h, ann, "/top last-month")).toContain("month 2026-11");
    // The global boards use UTC; their last week is archived on first request.
    expect(await say(h, ann, "/top last-week global")).toContain("week 2026-W48 · everyone");
    await h.runtime.stop();
    closeDatabase(h.db);
  });
});
