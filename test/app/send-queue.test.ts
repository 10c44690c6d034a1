import { describe, expect, it } from "vitest";
import { createSendQueue } from "../../src/app/send-queue.ts";
import { createFakeTime } from "../helpers/fake-time.ts";

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe("the rate-limited send queue", () => {
  it("sends at most one message a second per chat, in order", async () => {
    const time = createFakeTime(0);
    const queue = createSendQueue({ clock: time.clock, timers: time.timers, limits: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
    const sent: [string, number][] = [];
    for (const n of [1, 2, 3]) void queue.push("c", false, async () => sent.push([`c${n}`, time.clock.now()]));
    await settle();
    expect(sent).toEqual([["c1", 0]]);
    time.advance(999);
    await settle();
    expect(sent).toHaveLength(1);
    time.advance(1);
    await settle();
    time.advance(1000);
    await settle();
    expect(sent).toEqual([["c1", 0], ["c2", 1000], ["c3", 2000]]);
  });

  it("keeps the global limit across chats and 20 a minute in a group", async () => {
    const time = createFakeTime(0);
    const queue = createSendQueue({ clock: time.clock, timers: time.timers, limits: { globalPerSecond: 3, perChatPerSecond: 1, perGroupPerMinute: 2 } });
    const sent: string[] = [];
    for (const chat of ["a", "b", "c", "d"]) void queue.push(chat, false, async () => sent.push(`${chat}@${time.clock.now()}`));
    for (let i = 0; i < 3; i++) void queue.push("g", true, async () => sent.push(`g@${time.clock.now()}`));
    await settle();
    expect(sent).toEqual(["a@0", "b@0", "c@0"]);
    for (let t = 0; t < 61; t++) {
      time.advance(1000);
      await settle();
    }
    expect(sent).toEqual(["a@0", "b@0", "c@0", "d@1000", "g@1000", "g@2000", "g@61000"]);
    expect(queue.size()).toBe(0);
  });

  it("passes a failed send's error to its caller and moves on", async () => {
    const time = createFakeTime(0);
    const queue = createSendQueue({ clock: time.clock, timers: time.timers, limits: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
    const failed = queue.push("c", false, async () => { throw new Error("boom"); });
    const next = queue.push("c", false, async () => "ok");
    await expect(failed).rejects.toThrow("boom");
    time.advance(1000);
    await expect(next).resolves.toBe("ok");
  });
});
