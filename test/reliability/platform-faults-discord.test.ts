import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIMessage } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.ts";
import { CHANNEL, GUILD } from "../helpers/discord-bot-harness.ts";
import { startAgainstFake, type InProcessMemquiz } from "../helpers/start-in-process.ts";
import { createRecordingTime, stepUntil } from "./fault-timers.ts";

// Guarantee 4 on Discord: the fake REST API answers 500, 429, drops connections
// and answers after the client's timeout (2 s here); the fake gateway drops the
// bot's connection. discord.js retries a 5xx, a network failure or a timeout at
// once, up to 3 times, and waits out a 429's retry_after (wall time, so the
// 429s here ask for 50 ms); a delivery that still fails stays in the outbox,
// which tries again with backoff on the app's clock.

type Harness = InProcessMemquiz & { readonly fake: FakeDiscord; readonly time: ReturnType<typeof createRecordingTime> };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<Harness> {
  const time = createRecordingTime();
  const fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: "Pythonistas", channels: [{ id: CHANNEL, name: "quiz" }] }] });
  const app = await startAgainstFake(
    fake,
    { DISCORD_BOT_TOKEN: fake.token, DISCORD_API_ROOT: fake.apiRoot, MEMQUIZ_REQUEST_TIMEOUT_SECONDS: "2", MEMQUIZ_ROUND_SECONDS: "600" },
    { seed: 5, time, describe: () => `calls: ${fake.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(", ")}` },
  );
  return { ...app, time };
}

/** Waits for `check`, stepping the fake clock (see `stepUntil`). */
function waitFor<T>(check: () => T | undefined | false, what: string, stepMs = 250): Promise<T> {
  return stepUntil(h!.time, check, what, () => `calls: ${h!.fake.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(", ")}\nlogs:\n${h!.logs.join("\n")}`, stepMs);
}

function text(message: APIMessage | undefined): string {
  return [message?.content ?? "", ...(message?.embeds ?? []).map((e) => `${e.title ?? ""}\n${e.description ?? ""}`)].join("\n");
}

function buttonIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components.map((b) => b.custom_id));
}

const linesWith = (text: string) => h!.logs.filter((line) => line.includes(text));
const POST_MESSAGE = /^POST \/channels\/\d+\/messages$/;
const EDIT_MESSAGE = /^PATCH \/channels\/\d+\/messages\/\d+$/;
const CALLBACK = /^POST \/interactions\/\d+\/[^/]+\/callback$/;

/** A later normal command is still answered. */
async function practiceIsAnswered(fake: FakeDiscord, userId: string): Promise<void> {
  const ann = fake.user(userId, `ann${userId.slice(-1)}`, "Ann");
  const id = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "practice", options: { topic: "alpha" } }));
  await waitFor(() => fake.original(id), "the practice question");
}

describe("Discord faults (real discord.js against the fake REST API and gateway)", () => {
  it("plays a round through 500s, a 429, a dropped connection and a timeout, losing no message", async () => {
    h = await start();
    const { fake } = h;
    const [alice, bob] = ["1", "2"].map((n) => fake.user(`84444444444444444${n}`, `user${n}`, n === "1" ? "Alice" : "Bob"));
    // The reply to /quiz: one 500, ridden out by discord.js. The question: eight 500s, so discord.js
    // gives up twice (4 attempts each) and the outbox retries it after 1 s and 2 s.
    fake.failNext(CALLBACK, { kind: "500" });
    fake.failNext(POST_MESSAGE, { kind: "500" }, 8);
    const quiz = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: alice!, name: "quiz", options: { questions: 1, topic: "alpha" } }));
    await waitFor(() => fake.original(quiz), "the round to start", 0);
    const post = await waitFor(() => fake.messages(CHANNEL).find((m) => buttonIds(m).length > 0), "the round question");
    expect(fake.messages(CHANNEL).filter((m) => buttonIds(m).length > 0)).toHaveLength(1);
    expect(fake.calls.filter((c) => POST_MESSAGE.test(`${c.method} ${c.path}`) && c.status === 500)).toHaveLength(8);
    expect(h.time.waitsOf("runtime.ts")).toEqual([1_000, 2_000]);
    expect(linesWith("outbox: delivery of message")).toHaveLength(1);
    expect(linesWith("delivered after 2 failed attempt(s)")).toHaveLength(1);

    const press = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: bob!, customId: buttonIds(post)[0]!, messageId: post.id }));
    await waitFor(() => fake.original(press), "the answer", 0);
    // The results edit: a 429 and then a dropped connection; the standings: an answer after the timeout.
    fake.failNext(EDIT_MESSAGE, { kind: "429", retryAfter: 0.05 });
    fake.failNext(EDIT_MESSAGE, { kind: "drop" });
    fake.failNext(POST_MESSAGE, { kind: "delay", ms: 4_000 });
    h.time.advance(600_000);
    await waitFor(() => text(fake.message(post.id)).includes("Time's up!"), "the results");
    const standings = await waitFor(() => {
      const found = fake.messages(CHANNEL).filter((m) => text(m).includes("Round over!"));
      return found.length > 0 && found;
    }, "the standings");
    // At least once; the post that timed out had been accepted, so at most twice.
    expect(standings.length).toBeLessThanOrEqual(2);
    // The standings are posted once the fake takes the request; the outbox marks them sent after discord.js's retry.
    await waitFor(() => h!.memquiz.runtime.deps.store.pending(10).length === 0, "the outbox to empty", 0);
    expect(fake.messages(CHANNEL).filter((m) => text(m).includes("Round over!")).length).toBeLessThanOrEqual(2);
    // discord.js waited out the 429 and retried the timed-out post itself, silently; it does not retry a
    // connection the server closed, so the outbox retried the results edit after 1 s. One line when a
    // message fails, one when it goes out.
    expect(linesWith("outbox:").map((line) => line.replace(/^\S+ /, ""))).toEqual([
      `warn outbox: delivery of message 1 to dc:${CHANNEL} failed; it stays queued and is retried (Internal Server Error)`,
      `info outbox: message 1 to dc:${CHANNEL} delivered after 2 failed attempt(s)`,
      `warn outbox: delivery of message 2 to dc:${CHANNEL} failed; it stays queued and is retried (other side closed)`,
      `info outbox: message 2 to dc:${CHANNEL} delivered after 1 failed attempt(s)`,
    ]);
    expect(h.time.waitsOf("runtime.ts")).toEqual([1_000, 2_000, 1_000]);
    expect(fake.calls.filter((c) => EDIT_MESSAGE.test(`${c.method} ${c.path}`)).map((c) => c.status)).toEqual([429, 0, 200]);
    await practiceIsAnswered(fake, "855555555555555551");
  }, 20_000);

  it("resumes after the gateway drops its connection and answers the next command", async () => {
    h = await start();
    const { fake } = h;
    await practiceIsAnswered(fake, "855555555555555552");
    fake.closeShard(0, 4000);
    await waitFor(() => fake.resumes === 1, "the resume", 0);
    await practiceIsAnswered(fake, "855555555555555553");
    expect(fake.identifies).toHaveLength(1);
  }, 20_000);
});
