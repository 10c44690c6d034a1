import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram/index.ts";
import type { RateLimits } from "../fakes/telegram/rate-limits.ts";
import { createFakeTime } from "./fake-time.ts";
import { startAgainstFake, type InProcessMemquiz } from "./start-in-process.ts";

/** memquiz started through the same entry as `npm start`, against a fake Bot API, with a fake clock. */
export interface TelegramBotHarness extends InProcessMemquiz {
  readonly fake: FakeTelegram;
}

/**
 * Starts the fake Bot API and memquiz on it; extra environment variables may
 * be given. With `rateLimits`, the fake enforces them on memquiz's fake clock.
 */
export async function startTelegramHarness(env: Record<string, string> = {}, options: { rateLimits?: RateLimits } = {}): Promise<TelegramBotHarness> {
  const time = createFakeTime();
  const fake = await startFakeTelegram({ ...(options.rateLimits ? { rateLimits: options.rateLimits, now: time.clock.now } : {}) });
  return startAgainstFake(
    fake,
    { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...env },
    { seed: 11, time, describe: () => `calls: ${fake.calls.map((c) => c.method).join(", ")}` },
  );
}
