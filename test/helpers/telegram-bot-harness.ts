import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram/index.ts";
import { startInProcess, type InProcessMemquiz } from "./start-in-process.ts";

/** memquiz started through the same entry as `npm start`, against a fake Bot API, with a fake clock. */
export interface TelegramBotHarness extends InProcessMemquiz {
  readonly fake: FakeTelegram;
}

/** Starts the fake Bot API and memquiz on it; extra environment variables may be given. */
export async function startTelegramHarness(env: Record<string, string> = {}): Promise<TelegramBotHarness> {
  const fake = await startFakeTelegram();
  try {
    const app = await startInProcess(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...env },
      { seed: 11, describe: () => `calls: ${fake.calls.map((c) => c.method).join(", ")}` },
    );
    return {
      ...app,
      fake,
      async close() {
        await app.close();
        await fake.close();
      },
    };
  } catch (error) {
    await fake.close();
    throw error;
  }
}
