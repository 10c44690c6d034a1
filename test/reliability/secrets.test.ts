import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { redact, secretForms } from "../../src/app/logger.ts";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram/index.ts";
import { killAllBots, spawnBot } from "../helpers/bot-process.ts";

const TOKEN = "987654:SECRET-part_of-the_token";

/** Every form the token could leak in: whole, URL-encoded, and the secret after the colon. */
function leaks(text: string): string[] {
  return [TOKEN, encodeURIComponent(TOKEN), TOKEN.slice(TOKEN.indexOf(":") + 1)].filter((form) => text.includes(form));
}

let fake: FakeTelegram | undefined;
let dir: string | undefined;
afterEach(async () => {
  await killAllBots();
  await fake?.close();
  fake = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Guarantee 7 (secrets): tokens never reach logs or crash output. */
describe("secrets", () => {
  it("redacts a token whole, URL-encoded, and the part after the colon", () => {
    expect(secretForms(TOKEN)).toEqual(expect.arrayContaining([TOKEN, encodeURIComponent(TOKEN), "SECRET-part_of-the_token"]));
    const line = `GET /bot${encodeURIComponent(TOKEN)}/getMe failed; token ${TOKEN}; tail SECRET-part_of-the_token`;
    expect(leaks(redact(line, [TOKEN]))).toEqual([]);
  });

  it("keeps the token out of everything a failing real process writes (401 at start-up, then a crash)", async () => {
    // The fake accepts another token, so every call with ours is refused with 401 and start-up fails.
    fake = await startFakeTelegram({ token: "111:other-token-abcdef" });
    dir = mkdtempSync(join(tmpdir(), "memquiz-secrets-"));
    const bot = spawnBot({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, MEMQUIZ_DB: join(dir, "memquiz.db"), MEMQUIZ_QUESTIONS: "test/fixtures/bank/game" });
    const exit = await bot.exited;
    const output = bot.lines.join("\n");
    expect(exit.code, output).toBe(1);
    expect(output).toMatch(/could not start/);
    expect(leaks(output)).toEqual([]);
  }, 30_000);
});
