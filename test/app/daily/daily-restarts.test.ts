import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase } from "../../../src/storage/index.ts";
import { zonedInstant } from "../../../src/core/time/zoned.ts";
import { createHarness, ctxFor } from "../../helpers/harness.ts";
import { dailyPosts, runUntil, say, sentOf } from "../../helpers/daily-driver.ts";

const CHAT = "t:g";
const ZONE = "Europe/Berlin";
const admin = ctxFor("t:admin", CHAT, "group", { admin: true });
/** Berlin wall time on a November 2026 day, as an instant. */
const berlin = (day: number, hour: number, minute = 0) => zonedInstant({ year: 2026, month: 11, day, hour, minute }, ZONE);

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "memquiz-daily-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Harness = ReturnType<typeof createHarness>;

/** Starts the app on the test's database file at `at`, then runs the start-up tick as boot does. */
async function start(at: number): Promise<Harness> {
  const h = createHarness({ dbPath: join(dir, "memquiz.db"), start: at });
  await h.runtime.tick();
  return h;
}

/** Stops the app and closes its database. */
async function stop(h: Harness): Promise<void> {
  await h.runtime.stop();
  closeDatabase(h.db);
}

/** A chat with the daily question at 09:00 Berlin, revealed after 12 hours. */
async function setUp(at: number): Promise<Harness> {
  const h = await start(at);
  await say(h, admin, `/daily tz ${ZONE}`);
  await say(h, admin, "/daily time 09:00");
  await say(h, admin, "/daily on");
  return h;
}

describe("the daily question across restarts", () => {
  it("posts a day once through a restart in the middle of the day and two restarts within a minute", async () => {
    let h = await setUp(berlin(2, 8));
    await runUntil(h, berlin(2, 9, 0));
    expect(dailyPosts(h.sent, CHAT).map((p) => p.date)).toEqual(["2026-11-02"]);
    await stop(h);
    // Two quick restarts right after the post, then one in the afternoon.
    for (const at of [berlin(2, 9, 0) + 10_000, berlin(2, 9, 0) + 40_000, berlin(2, 15)]) {
      h = await start(at);
      expect(dailyPosts(h.sent, CHAT)).toEqual([]);
      await stop(h);
    }
    h = await start(berlin(2, 15, 1));
    await runUntil(h, berlin(4, 12));
    // The reveal of the 2nd happened in this process; the 3rd and 4th were posted once each.
    expect(sentOf(h.sent, CHAT, "daily-reveal").map((r) => r.date)).toEqual(["2026-11-02", "2026-11-03"]);
    expect(dailyPosts(h.sent, CHAT).map((p) => p.date)).toEqual(["2026-11-03", "2026-11-04"]);
    await stop(h);
  });

  it("sends a post that was recorded but not yet sent when the process died, once", async () => {
    const h = await setUp(berlin(2, 8));
    // At 09:00 the post is recorded with its outbox message, and the process dies before the
    // dispatcher runs (the fake clock is not moved, so the timer never fires in this process).
    h.app.closeDue(berlin(2, 9));
    expect(h.sent).toHaveLength(0);
    await h.runtime.stop(); // stops the timer only: nothing is flushed, as in a crash
    closeDatabase(h.db);
    const again = await start(berlin(2, 9) + 5_000);
    expect(dailyPosts(again.sent, CHAT).map((p) => p.date)).toEqual(["2026-11-02"]);
    await runUntil(again, berlin(2, 12));
    expect(dailyPosts(again.sent, CHAT)).toHaveLength(1);
    await stop(again);
  });

  it("skips, and logs, a post more than 2 hours late after 5 hours down; the next day is posted", async () => {
    const h = await setUp(berlin(2, 7));
    await stop(h);
    const after = await start(berlin(2, 12));
    expect(dailyPosts(after.sent, CHAT)).toEqual([]);
    expect(after.logs.join("\n")).toMatch(/skipped t:g's question of 2026-11-02 \(due 2026-11-02 09:00\), 3\.0 h late/);
    await runUntil(after, berlin(3, 9, 30));
    expect(dailyPosts(after.sent, CHAT).map((p) => p.date)).toEqual(["2026-11-03"]);
    await stop(after);
  });

  it("still posts a post 30 minutes late after 30 minutes down", async () => {
    const h = await setUp(berlin(2, 8, 45));
    await stop(h);
    const after = await start(berlin(2, 9, 30));
    const posts = dailyPosts(after.sent, CHAT);
    expect(posts.map((p) => p.date)).toEqual(["2026-11-02"]);
    expect(posts[0]?.openedAt).toBe(berlin(2, 9, 30));
    expect(after.logs.join("\n")).not.toContain("skipped");
    await stop(after);
  });

  it("reveals at start-up a question whose reveal fell due while the bot was down", async () => {
    let h = await setUp(berlin(2, 8));
    await runUntil(h, berlin(2, 10));
    const post = dailyPosts(h.sent, CHAT)[0]!;
    const q = h.bank.byId(post.questionId)!;
    expect(h.app.rounds.answer(ctxFor("t:ann", CHAT), { sessionId: post.sessionId, index: 0, option: q.answer }).kind).toBe("accepted");
    await stop(h);
    h = await start(berlin(2, 23));
    const [reveal] = sentOf(h.sent, CHAT, "daily-reveal");
    expect(reveal).toMatchObject({ date: "2026-11-02", answered: 1, correctCount: 1, correct: [{ name: "ann", streak: 1, points: 10 * q.level + 1 }] });
    await stop(h);
  });
});
