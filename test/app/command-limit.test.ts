import { describe, expect, it } from "vitest";
import { createHarness, ctxFor } from "../helpers/harness.ts";
import { say } from "../helpers/daily-driver.ts";

describe("the per-user command limit", () => {
  it("answers 10 commands in 10 s, then one polite notice, then silence; others are unaffected", async () => {
    const h = createHarness();
    const ann = ctxFor("t:ann", "t:g");
    const replies: string[] = [];
    for (let i = 0; i < 14; i++) replies.push(await say(h, ann, "/help"));
    expect(replies.slice(0, 10).every((r) => r.includes("Commands:"))).toBe(true);
    expect(replies[10]).toBe("You're sending commands too quickly; I'll ignore a few. Try again in a few seconds.");
    expect(replies.slice(11)).toEqual(["", "", ""]);
    expect(await say(h, ctxFor("t:bob", "t:g"), "/help")).toContain("Commands:");
    h.time.advance(10_000);
    expect(await say(h, ann, "/help")).toContain("Commands:");
  });
});
