import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fakes/discord/index.ts";
import { startAgainstFake, type InProcessMemquiz } from "./start-in-process.ts";

/** memquiz started through the same entry as `npm start`, against a fake Discord, with a fake clock. */
export interface DiscordBotHarness extends InProcessMemquiz {
  readonly fake: FakeDiscord;
}

/** The guild and channel the tests play in. */
export const GUILD = "811111111111111111";
export const CHANNEL = "822222222222222222";

/** Starts the fake Discord and memquiz on it. */
export async function startDiscordHarness(env: Record<string, string> = {}, fakeOptions: FakeDiscordOptions = {}): Promise<DiscordBotHarness> {
  const fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: "Pythonistas", channels: [{ id: CHANNEL, name: "quiz" }] }], ...fakeOptions });
  return startAgainstFake(
    fake,
    { DISCORD_BOT_TOKEN: fake.token, DISCORD_API_ROOT: fake.apiRoot, ...env },
    { seed: 5, describe: () => `calls: ${fake.calls.map((c) => `${c.method} ${c.path}`).join(", ")}` },
  );
}
