import { describe, expect, it } from "vitest";
import { localDateKey, wallTime, addDays } from "../../../src/core/time/zoned.ts";
import { createHarness, ctxFor } from "../../helpers/harness.ts";
import { dailyPosts, runUntil, say } from "../../helpers/daily-driver.ts";

const ZONES = { "t:berlin": "Europe/Berlin", "t:tokyo": "Asia/Tokyo", "t:la": "America/Los_Angeles" } as const;
const DAY = 86_400_000;

/** Turns the daily question on at 02:30 in three chats, each in its zone. */
async function threeChats(h: ReturnType<typeof createHarness>): Promise<void> {
  for (const [chatId, zone] of Object.entries(ZONES)) {
    const admin = ctxFor("t:admin", chatId, "group", { admin: true });
    await say(h, admin, `/daily tz ${zone}`);
    await say(h, admin, "/daily time 02:30");
    expect(await say(h, admin, "/daily on")).toContain("daily question: on");
  }
}

/** Checks one post per local date, every date in the range, each at 02:30 local or (when 02:30 doesn't exist) 03:30. */
function expectOnePerDay(h: ReturnType<typeof createHarness>, chatId: keyof typeof ZONES, from: string, to: string, gapDays: readonly string[]): void {
  const zone = ZONES[chatId];
  const posts = dailyPosts(h.sent, chatId);
  const dates = posts.map((p) => p.date);
  expect(new Set(dates).size).toBe(dates.length);
  const expected: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) expected.push(d);
  expect(dates).toEqual(expected);
  for (const post of posts) {
    const w = wallTime(post.openedAt, zone);
    expect(localDateKey(post.openedAt, zone)).toBe(post.date);
    expect([w.hour, w.minute]).toEqual(gapDays.includes(post.date) ? [3, 30] : [2, 30]);
  }
}

describe("the daily question in three time zones across DST changes", () => {
  it("posts once a local day in autumn, when Berlin's and LA's 02:30 happen twice", async () => {
    const h = createHarness({ start: Date.UTC(2026, 9, 20, 12, 0) });
    await threeChats(h);
    await runUntil(h, Date.UTC(2026, 10, 5, 12, 0));
    expectOnePerDay(h, "t:berlin", "2026-10-21", "2026-11-05", []);
    expectOnePerDay(h, "t:tokyo", "2026-10-21", "2026-11-05", []);
    expectOnePerDay(h, "t:la", "2026-10-21", "2026-11-05", []);
    // Each question was revealed, 12 hours later, before the next one was posted.
    for (const chatId of Object.keys(ZONES)) {
      const order = h.sent.filter((s) => s.chatId === chatId && s.payload.type.startsWith("daily-")).map((s) => s.payload.type);
      const posts = dailyPosts(h.sent, chatId).length;
      expect(order.slice(0, 2 * (posts - 1))).toEqual(Array.from({ length: posts - 1 }, () => ["daily-question", "daily-reveal"]).flat());
    }
  });

  it("posts once a local day in spring, moving 02:30 to 03:30 on the day it doesn't exist", async () => {
    const h = createHarness({ start: Date.UTC(2027, 2, 10, 12, 0) });
    await threeChats(h);
    await runUntil(h, Date.UTC(2027, 2, 31, 12, 0));
    expectOnePerDay(h, "t:berlin", "2027-03-11", "2027-03-31", ["2027-03-28"]);
    expectOnePerDay(h, "t:tokyo", "2027-03-11", "2027-03-31", []);
    expectOnePerDay(h, "t:la", "2027-03-11", "2027-03-31", ["2027-03-14"]);
  });

  it("never repeats a question in a chat before the chat has seen the whole bank", async () => {
    const h = createHarness({ start: Date.UTC(2026, 10, 1, 12, 0) });
    const admin = ctxFor("t:admin", "t:g", "group", { admin: true });
    await say(h, admin, "/daily on");
    await runUntil(h, Date.UTC(2026, 10, 1, 12, 0) + 8 * DAY);
    const ids = dailyPosts(h.sent, "t:g").map((p) => p.questionId);
    expect(ids).toHaveLength(h.bank.questions.length);
    expect(new Set(ids).size).toBe(h.bank.questions.length);
  });
});
