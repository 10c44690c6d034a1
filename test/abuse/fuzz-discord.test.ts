import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIMessage, APIUser } from "discord.js";
import type { RoundState } from "../../src/core/game/round.ts";
import type { CommandOption } from "../fakes/discord/builders.ts";
import { CHANNEL, GUILD, startDiscordHarness, type DiscordBotHarness } from "../helpers/discord-bot-harness.ts";
import { diffSnapshots, snapshot } from "./db-snapshot.ts";
import { createFuzz } from "./fuzz-gen.ts";

/**
 * Bad input end to end on Discord: interactions through the fake gateway
 * into the real discord.js client: slash commands (real and made-up names)
 * whose options have odd values or the wrong type, and button presses with
 * garbage, out-of-range or foreign custom ids (the victim's practice and
 * /forget buttons among them), from members and bot accounts. Allowed to
 * change: new `users` and `chats` rows, new `processed_updates` keys, and
 * `reports` on the open round question; everything else must be identical.
 */
const INTERACTIONS = 400;

let h: DiscordBotHarness | undefined;
let dir = "";
afterEach(async () => {
  await h?.close();
  h = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function buttonIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components.map((b) => b.custom_id));
}

/** Each command's first option. */
const MAIN_OPTION: Record<string, string> = { quiz: "questions", practice: "topic", settings: "key", daily: "action", top: "period", lang: "language", report: "text" };

/** Option names the commands have, and some they don't. */
const OPTION_NAMES = ["questions", "topic", "key", "value", "action", "period", "scope", "language", "text", "nope"];

describe("fuzzing memquiz on Discord", () => {
  it(`survives ${INTERACTIONS} bad interactions, changes nothing it shouldn't, and still answers`, async () => {
    dir = mkdtempSync(join(tmpdir(), "memquiz-fuzz-dc-"));
    const path = join(dir, "memquiz.db");
    h = await startDiscordHarness({ MEMQUIZ_DB: path, MEMQUIZ_ROUND_SECONDS: "3600" });
    const d = h;
    const { fake } = d;
    const { store } = d.memquiz.runtime.deps;
    const fuzz = createFuzz(777);
    const [starter, victim] = [fake.user("813000000000000001", "starter"), fake.user("813000000000000002", "victim")];
    const start = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: starter, name: "quiz", options: { questions: 3 } }));
    await d.until(() => fake.original(start), "the round");
    const post = await d.until(() => fake.messages(CHANNEL).find((m) => buttonIds(m).length > 0), "the round question");
    const round = store.openSession<RoundState>(`dc:${CHANNEL}`, "round")!;
    const asked = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: victim, name: "practice" }));
    const practice = await d.until(() => fake.original(asked), "the victim's practice");
    const forgot = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: victim, name: "forget" }));
    const forget = await d.until(() => fake.original(forgot), "the victim's /forget");
    if (!buttonIds(practice)[0]) throw new Error(`no practice buttons: ${JSON.stringify(practice).slice(0, 500)}\n${d.logs.slice(-5).join("\n")}`);
    const sessionIds = [round.id, Number(buttonIds(practice)[0]!.split(":")[2])];
    const victimIds = [...buttonIds(practice).map((id) => id.replace(/:\d$/, ":9")), ...buttonIds(forget)];

    const db = new Database(path, { readonly: true });
    const before = snapshot(db);
    const users: APIUser[] = Array.from({ length: 40 }, (_, i) => {
      const user = fake.user(`8140000000000000${String(i).padStart(2, "0")}`, `f${i}`, fuzz.odd().slice(0, 32));
      return i % 8 === 7 ? { ...user, bot: true } : user;
    });
    const names = ["quiz", "practice", "settings", "daily", "top", "me", "lang", "report", "stop", "help", "forget", "nope", "x".repeat(32)];
    const ids: string[] = [];
    for (let i = 0; i < INTERACTIONS; i++) {
      // The clock stands still: Discord (and the fake) refuse an interaction answered more than 3 s after it was sent.
      const user = fuzz.pick(users);
      const place = { guildId: GUILD, channelId: CHANNEL, user, locale: fuzz.pick(["en-US", "ru", "xx", ""]) };
      if (fuzz.int(2) === 0) {
        // Options of any type, whatever the command declares: strings, integers, numbers, booleans.
        const name = fuzz.pick(names);
        // The command's own option always comes with an odd value, so /quiz and /practice never start for real.
        const options: CommandOption[] = [MAIN_OPTION[name] ?? fuzz.pick(OPTION_NAMES), ...(fuzz.int(2) === 0 ? [fuzz.pick(OPTION_NAMES)] : [])].map((optionName) => {
          const type = fuzz.pick([3, 3, 4, 10, 5]);
          const value = type === 3 ? fuzz.odd().slice(0, 6000) : type === 5 ? fuzz.int(2) === 0 : type === 4 ? fuzz.pick([-1, 0, 21, 2 ** 53, -(2 ** 31)]) : fuzz.pick([1.5, -0.5, 1e308]);
          return { name: optionName, type, value };
        });
        const id = fake.dispatchInteraction(fake.slashCommand({ ...place, name, options }));
        // memquiz answers its own commands; a name it never registered gets no reply.
        if (names.indexOf(name) < 11) ids.push(id);
      } else {
        const onVictim = fuzz.int(3) === 0;
        const customId = onVictim ? fuzz.pick(victimIds) : fuzz.customId(sessionIds);
        ids.push(fake.dispatchInteraction(fake.buttonPress({ ...place, customId, messageId: onVictim ? fuzz.pick([practice, forget]).id : post.id })));
      }
    }
    // Each interaction is claimed by id before it is handled; wait for all of them, then for one normal reply.
    const claimed = () => db.prepare<[], number>("SELECT COUNT(*) FROM processed_updates WHERE key LIKE 'dc:interaction:%'").pluck().get() ?? 0;
    const base = (before.get("processed_updates") ?? []).filter((row) => row.includes("dc:interaction:")).length;
    await d.until(() => claimed() >= base + INTERACTIONS || undefined, `${INTERACTIONS} interactions claimed`);
    const ann = fake.user("815000000000000000", "ann");
    const help = fake.dispatchInteraction(fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, user: ann, name: "help" }));
    expect((await d.until(() => fake.original(help), "a normal reply after the fuzz")).content).toContain("Commands:");
    await d.until(() => ids.every((id) => (fake.interaction(id)?.callbackTypes.length ?? 0) > 0) || undefined, "every interaction answered");
    await d.memquiz.runtime.settle();

    const changes = diffSnapshots(before, snapshot(db));
    db.close();
    for (const table of ["users", "chats", "processed_updates", "reports"]) expect(changes.get(table)?.gone ?? [], `${table} rows changed`).toEqual([]);
    const unexpected = [...changes.keys()].filter((table) => !["users", "chats", "processed_updates", "reports"].includes(table));
    expect(unexpected, JSON.stringify(Object.fromEntries([...changes].filter(([table]) => unexpected.includes(table)))).slice(0, 3000)).toEqual([]);
    expect(store.sessionAnswers(round.id, 0)).toEqual([]);
    const failures = d.logs.filter((line) => / failed: /.test(line));
    console.log(`fuzz-discord: ${INTERACTIONS} interactions; handler errors answered politely: ${failures.length}`);
    expect(failures, "handler errors").toEqual([]);
  }, 60_000);
});
