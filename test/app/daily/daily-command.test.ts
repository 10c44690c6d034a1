import { describe, expect, it } from "vitest";
import { createHarness, ctxFor } from "../../helpers/harness.ts";
import { dailyPosts, say } from "../../helpers/daily-driver.ts";

const CHAT = "t:g";
const admin = ctxFor("t:admin", CHAT, "group", { admin: true });
const member = ctxFor("t:member", CHAT);

describe("/daily", () => {
  it("shows the status to everyone and lets only admins change it", async () => {
    const h = createHarness();
    const status = await say(h, member, "/daily");
    expect(status).toContain("daily question: off");
    expect(status).toContain("time: 09:00 (UTC)");
    expect(status).toContain("/daily time 09:00");
    expect(await say(h, member, "/daily on")).toBe("Only chat admins can change the daily question.");
    expect(h.store.getChat(CHAT)?.settings.daily.enabled).toBe(false);
    const on = await say(h, admin, "/daily on");
    expect(on).toContain("Saved.");
    expect(on).toContain("next: 2026-11-26 09:00"); // the harness starts at 2026-11-25 12:00 UTC
  });

  it("refuses a bad time, zone or reveal with examples, and changes nothing", async () => {
    const h = createHarness();
    await say(h, admin, "/daily tz Europe/Berlin");
    const before = h.store.getChat(CHAT);
    expect(await say(h, admin, "/daily time 25:00")).toContain('"25:00" is not a time. Use 24-hour HH:MM, for example 09:00 or 18:30. Nothing was changed.');
    expect(await say(h, admin, "/daily time 9")).toContain("is not a time");
    expect(await say(h, admin, "/daily tz Mars/Olympus")).toContain('"Mars/Olympus" is not an IANA time zone. Use one such as Europe/Berlin, Asia/Tokyo');
    expect(await say(h, admin, "/daily reveal 30")).toContain("from 1 to 23");
    expect(await say(h, admin, "/daily sometimes")).toContain("I don't know /daily sometimes");
    expect(h.store.getChat(CHAT)).toEqual(before);
    const ru = ctxFor("t:admin", CHAT, "group", { admin: true, lang: "ru" });
    expect(await say(h, ru, "/daily tz Луна")).toContain("не часовой пояс IANA");
  });

  it("posts one now on demand, and not a second one while it is open or on the same day", async () => {
    const h = createHarness();
    expect(await say(h, admin, "/daily now")).toBe("");
    expect(dailyPosts(h.sent, CHAT)).toHaveLength(1);
    expect(await say(h, admin, "/daily now")).toContain("already open; it is revealed at 00:00");
    expect(await say(h, member, "/daily now")).toBe("Only chat admins can change the daily question.");
    h.time.advance(13 * 3_600_000);
    await h.runtime.tick();
    expect(h.sent.filter((s) => s.payload.type === "daily-reveal")).toHaveLength(1);
    // It is 01:00 UTC on the 26th now: a new day, so one more may be posted.
    expect(await say(h, admin, "/daily now")).toBe("");
    expect(await say(h, admin, "/daily now")).toContain("already open");
    expect(dailyPosts(h.sent, CHAT).map((p) => p.date)).toEqual(["2026-11-25", "2026-11-26"]);
  });

  it("takes typed answers in text chats when no round or practice question is open", async () => {
    const h = createHarness();
    await say(h, admin, "/daily now");
    const post = dailyPosts(h.sent, CHAT)[0]!;
    const q = h.bank.byId(post.questionId)!;
    const outcome = h.app.typedAnswer(member, q.answer + 1);
    expect(Array.isArray(outcome) ? outcome : outcome.kind).toBe("accepted");
  });
});
