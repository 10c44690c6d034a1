import { afterEach, describe, expect, it } from "vitest";
import { startFakeTelegram } from "../fakes/telegram/index.ts";
import { startAgainstFake, type InProcessMemquiz } from "../helpers/start-in-process.ts";
import type { FakeTelegram } from "../fakes/telegram/index.ts";
import { createRecordingTime, stepUntil } from "./fault-timers.ts";

// Guarantee 4 on Telegram: the fake Bot API answers 429, 500, drops connections
// and answers after the client's timeout. The bot keeps running, retries with
// backoff (checked on the fake clock, where the waits are ours), loses no result
// message and logs each fault once. auto-retry waits out a 429's retry_after in
// wall time, so the 429s here ask for 1 s; the client times out after 2 s.

const GROUP = -1001234;

type Harness = InProcessMemquiz & { readonly fake: FakeTelegram; readonly time: ReturnType<typeof createRecordingTime> };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<Harness> {
  const time = createRecordingTime();
  const fake = await startFakeTelegram({ now: time.clock.now });
  const app = await startAgainstFake(
    fake,
    { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, MEMQUIZ_REQUEST_TIMEOUT_SECONDS: "2", MEMQUIZ_ROUND_SECONDS: "600" },
    { seed: 11, time, describe: () => `calls: ${fake.calls.map((c) => `${c.method} ${c.status ?? "-"}`).join(", ")}` },
  );
  return { ...app, time };
}

/** Waits for `check`, stepping the fake clock (see `stepUntil`). */
function waitFor<T>(check: () => T | undefined | false, what: string, stepMs = 250): Promise<T> {
  return stepUntil(h!.time, check, what, () => `calls: ${h!.fake.calls.map((c) => `${c.method} ${c.status ?? "-"}`).join(", ")}\nlogs:\n${h!.logs.join("\n")}`, stepMs);
}

const linesWith = (text: string) => h!.logs.filter((line) => line.includes(text));
const statuses = (method: string) => h!.fake.callsOf(method).map((c) => c.status);

/** Starts a one-question round in the group and has two players answer it; returns once both answers are stored. */
async function roundWithTwoAnswers(fake: FakeTelegram): Promise<void> {
  const group = fake.groupChat(GROUP, "Pythonistas");
  const [alice, bob] = [fake.user(1, "Alice"), fake.user(2, "Bob")];
  fake.pushUpdate(fake.message(group, alice, "/quiz 1"));
  await waitFor(() => fake.polls.size > 0, "the poll");
  const poll = [...fake.polls.values()][0]!;
  fake.pushUpdate(fake.pollAnswer(poll.id, alice, [0]));
  fake.pushUpdate(fake.pollAnswer(poll.id, bob, [1]));
  const { store } = h!.memquiz.runtime.deps;
  await waitFor(() => store.sessionAnswers(store.openSession(`tg:${GROUP}`, "round")?.id ?? -1, 0).length === 2, "both answers", 0);
  // Rounds last 10 minutes here, so stepping the clock through backoffs never closes one early; now close it.
  h!.time.advance(600_000);
}

/** A later normal command is still answered. */
async function helpIsAnswered(fake: FakeTelegram, id: number): Promise<void> {
  const ann = fake.user(id, "Ann");
  fake.pushUpdate(fake.message(fake.privateChat(ann), ann, "/help"));
  await waitFor(() => fake.messages(ann.id).some((m) => m.text?.includes("Commands:")), "the /help reply");
}

describe("Telegram faults (real grammY against the fake Bot API)", () => {
  it("posts a round's poll and its results through 500s, a dropped connection, a timeout and a 429", async () => {
    h = await start();
    const { fake } = h;
    fake.failNext("sendPoll", { kind: "500", times: 2 });
    await roundWithTwoAnswers(fake);
    expect(statuses("sendPoll")).toEqual([500, 500, 200]);
    expect(h.time.waitsOf("api-retry.ts")).toEqual([1_000, 2_000]);

    // The results: a dropped connection, then an answer that comes after the client gave up (the message
    // was posted all the same), then a 429; the fourth attempt goes through.
    fake.failNext("sendMessage", { kind: "drop" });
    fake.failNext("sendMessage", { kind: "delay", ms: 4_000 });
    fake.failNext("sendMessage", { kind: "429", retryAfter: 1 });
    await waitFor(() => fake.messages(GROUP).some((m) => m.text?.startsWith("Round over!")), "the standings");
    const results = fake.messages(GROUP).filter((m) => m.text?.startsWith("Time's up!"));
    // At least once; the send that timed out had been accepted, so at most twice.
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.length).toBeLessThanOrEqual(2);
    expect(results[0]!.text).toContain("2 players answered.");
    const tries = fake.callsOf("sendMessage").filter((c) => String(c.params["text"]).includes("s up! The answer is"));
    // The delayed answer may still be on its way when the test looks.
    expect(tries.map((c) => (c.status === undefined ? 200 : c.status))).toEqual([0, 200, 429, 200]);
    // Our backoff between the attempts: 1 s after the drop, 2 s after the timeout (auto-retry waits out the 429).
    expect(h.time.waitsOf("api-retry.ts")).toEqual([1_000, 2_000, 1_000, 2_000]);
    // One line when a method starts failing, one when it works again; nothing per retry.
    expect(linesWith("telegram: sendPoll failed")).toHaveLength(1);
    expect(linesWith("telegram: sendPoll works again after 2 failed attempt(s)")).toHaveLength(1);
    expect(linesWith("telegram: sendMessage failed")).toHaveLength(1);
    expect(linesWith("telegram: sendMessage works again after 3 failed attempt(s)")).toHaveLength(1);
    expect(linesWith("outbox:")).toEqual([]);
    expect(h.memquiz.runtime.deps.store.pending(10)).toEqual([]);
    await helpIsAnswered(fake, 501);
  }, 20_000);

  it("keeps a result queued through a longer outage and flushes it again with growing backoff", async () => {
    h = await start();
    const { fake } = h;
    await roundWithTwoAnswers(fake);
    // Ten 500s in a row: each delivery is tried 5 times (4 retries), so the outbox retries it twice.
    fake.failNext("sendMessage", { kind: "500", times: 10 });
    await waitFor(() => fake.messages(GROUP).some((m) => m.text?.startsWith("Round over!")), "the standings", 500);
    expect(fake.messages(GROUP).filter((m) => m.text?.startsWith("Time's up!"))).toHaveLength(1);
    expect(statuses("sendMessage").filter((s) => s === 500)).toHaveLength(10);
    expect(h.time.waitsOf("api-retry.ts")).toEqual([1_000, 2_000, 4_000, 8_000, 1_000, 2_000, 4_000, 8_000]);
    expect(h.time.waitsOf("runtime.ts")).toEqual([1_000, 2_000]);
    expect(linesWith("telegram: sendMessage failed")).toHaveLength(1);
    expect(linesWith("outbox: delivery of message")).toHaveLength(1);
    expect(linesWith("delivered after 2 failed attempt(s)")).toHaveLength(1);
    expect(h.memquiz.runtime.deps.store.pending(10)).toEqual([]);
    await helpIsAnswered(fake, 502);
  }, 20_000);

  it("keeps polling through getUpdates failures and a long poll answered after the timeout", async () => {
    h = await start();
    const { fake } = h;
    await helpIsAnswered(fake, 503);
    fake.failNext("getUpdates", { kind: "500", times: 2 });
    fake.failNext("getUpdates", { kind: "drop" });
    fake.failNext("getUpdates", { kind: "delay", ms: 4_000 });
    fake.failNext("getUpdates", { kind: "429", retryAfter: 1 });
    await waitFor(() => linesWith("telegram: getUpdates works again").length > 0, "getUpdates to work again");
    await helpIsAnswered(fake, 504);
    // The poller's own backoff for 5xx, the drop and the timeout; auto-retry waits out the 429.
    expect(h.time.waitsOf("confirming-poller.ts")).toEqual([500, 1_000, 2_000, 4_000]);
    expect(linesWith("telegram: getUpdates failed")).toHaveLength(1);
    expect(linesWith("telegram: getUpdates works again after 5 failed attempt(s)")).toHaveLength(1);
    expect(linesWith("fetching updates")).toEqual([]);
  }, 20_000);
});
