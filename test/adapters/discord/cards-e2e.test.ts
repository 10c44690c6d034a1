import { afterEach, describe, expect, it } from "vitest";
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIMessage } from "discord.js";
import { chatTitleKey } from "../../../src/app/chat-titles.ts";
import { sentCardProblems } from "../../cards/image-check.ts";
import { CHANNEL, GUILD, startDiscordHarness, type DiscordBotHarness } from "../../helpers/discord-bot-harness.ts";

let h: DiscordBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MANAGE_GUILD = 1n << 5n;

function buttonIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components.map((b) => b.custom_id));
}

/** The bytes of a message's one attachment, as the fake received them. */
function attachmentBytes(message: APIMessage | undefined): Buffer {
  const upload = h?.fake.uploads.find((u) => u.messageId === message?.id);
  if (!upload) throw new Error(`no upload on message ${message?.id}`);
  return upload.file.bytes;
}

const unescaped = (message: APIMessage | undefined) => (message?.content ?? "").replace(/\\/g, "");

describe("picture cards on Discord (real discord.js against a fake gateway and REST API)", () => {
  it("attaches the /me and /top cards to the interaction replies, under the text version", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const ann = fake.user("833333333333333333", "ann", "Ann");
    const me = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "me" }));
    const meReply = await h.until(() => fake.original(me), "the /me reply");
    expect(unescaped(meReply)).toContain("Progress — Ann");
    expect(meReply.attachments).toMatchObject([{ filename: "me.png", content_type: "image/png", width: 800 }]);
    expect(sentCardProblems(attachmentBytes(meReply))).toEqual([]);

    const top = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "top", options: { period: "month" } }));
    const topReply = await h.until(() => fake.original(top), "the /top reply");
    expect(unescaped(topReply)).toContain("Top — this month");
    expect(topReply.attachments).toMatchObject([{ filename: "top.png", content_type: "image/png", width: 800 }]);
    expect(sentCardProblems(attachmentBytes(topReply))).toEqual([]);
    // Server and channel name the chat on cards, also on season results made without a request.
    expect(h.memquiz.runtime.deps.store.getRef(chatTitleKey(`dc:${CHANNEL}`))).toBe("Pythonistas · #quiz");
  });

  it("sends text only after a member with Manage Server turns cards off; others may not", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const mel = fake.user("855555555555555555", "mel", "Mel");
    const owner = fake.user("866666666666666666", "olga", "Olga");
    const refused = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: mel, name: "settings", options: { key: "cards", value: "off" } }));
    expect(unescaped(await h.until(() => fake.original(refused), "the refusal"))).toContain("Only chat admins can change settings.");
    const bad = fake.dispatchInteraction(
      fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: owner, name: "settings", options: { key: "cards", value: "sometimes" }, permissions: MANAGE_GUILD }),
    );
    expect(unescaped(await h.until(() => fake.original(bad), "the bad value"))).toContain("Can't set cards: use on");
    const off = fake.dispatchInteraction(
      fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: owner, name: "settings", options: { key: "cards", value: "off" }, permissions: MANAGE_GUILD }),
    );
    expect(unescaped(await h.until(() => fake.original(off), "the change"))).toContain("Saved.");
    const me = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: mel, name: "me" }));
    const reply = await h.until(() => fake.original(me), "the /me reply");
    expect(unescaped(reply)).toContain("Progress — Mel");
    expect(reply.attachments).toEqual([]);
    expect(fake.uploads).toHaveLength(0);
  });

  it("posts a closed season's results in the channel with the podium card attached", async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const owner = fake.user("877777777777777777", "olga", "Olga");
    const mel = fake.user("888888888888888888", "mel", "Mel");
    const on = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: owner, name: "daily", options: { action: "on" }, permissions: MANAGE_GUILD }));
    await h.until(() => fake.original(on), "the daily question switched on");
    fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: owner, name: "daily", options: { action: "now" }, permissions: MANAGE_GUILD }));
    const post = await h.until(() => fake.messages(CHANNEL).find((m) => buttonIds(m).length > 0), "the daily question");
    const questionId = /\[((?:alpha|beta)\/[ab]\d)\]/.exec(JSON.stringify(post.embeds))?.[1] ?? "";
    const answer = h.memquiz.runtime.deps.bank.byId(questionId)!.answer;
    const press = fake.dispatchInteraction(fake.buttonPress({ guildId: GUILD, channelId: CHANNEL, user: mel, customId: buttonIds(post)[answer]!, messageId: post.id }));
    await h.until(() => fake.original(press), "the answer");
    h.time.advance(12 * 3_600_000); // the reveal scores Mel in week 2026-W48
    await h.until(() => fake.messages(CHANNEL).find((m) => unescaped(m).includes("Daily question of 2026-11-25")), "the reveal");

    // Monday's post closes week 48 first.
    h.time.set(Date.UTC(2026, 10, 30, 9, 0));
    const season = await h.until(() => fake.messages(CHANNEL).find((m) => unescaped(m).includes("Week 2026-W48 is over!")), "the season post", 1_000);
    expect(unescaped(season)).toMatch(/Winner: Mel with \d+ points\./);
    expect(season.attachments).toMatchObject([{ filename: "season.png", content_type: "image/png", width: 800 }]);
    expect(sentCardProblems(attachmentBytes(season))).toEqual([]);
  });
});
