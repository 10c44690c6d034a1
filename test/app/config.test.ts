import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, parseConfig } from "../../src/app/config.ts";
import { loadEnv } from "../../src/app/load-env.ts";

const TOKEN = "123456:AAE-secret_token_value";

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("uses the defaults when nothing is set, which means the console chat", () => {
    expect(parseConfig({})).toEqual({
      dbPath: "./data/memquiz.db",
      questionsDir: "./questions",
      logLevel: "info",
    });
  });

  it("reads both bots, trimming a trailing slash from API roots", () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      DISCORD_BOT_TOKEN: "discord.token.value",
      DISCORD_API_ROOT: "http://127.0.0.1:9000/api",
      MEMQUIZ_DB: "/tmp/x.db",
      LOG_LEVEL: "debug",
    });
    expect(config.telegram).toEqual({ token: TOKEN, apiRoot: "http://127.0.0.1:8081" });
    expect(config.discord).toEqual({ token: "discord.token.value", apiRoot: "http://127.0.0.1:9000/api", shards: 1 });
    expect(config.dbPath).toBe("/tmp/x.db");
    expect(config.logLevel).toBe("debug");
  });

  it("treats empty values as unset, as .env templates leave them", () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: "", MEMQUIZ_DB: "" }).telegram).toBeUndefined();
  });

  // Each rule names its variable; the bad value (maybe a secret) is never echoed.
  it.each([
    [{ TELEGRAM_BOT_TOKEN: "not a token" }, "TELEGRAM_BOT_TOKEN", "not a token"],
    [{ TELEGRAM_BOT_TOKEN: "12345-no-colon" }, "TELEGRAM_BOT_TOKEN", "12345-no-colon"],
    [{ TELEGRAM_API_ROOT: "ftp://example.org" }, "TELEGRAM_API_ROOT", "ftp://example.org"],
    [{ DISCORD_BOT_TOKEN: "has space" }, "DISCORD_BOT_TOKEN", "has space"],
    [{ DISCORD_API_ROOT: "nonsense" }, "DISCORD_API_ROOT", "nonsense"],
    [{ MEMQUIZ_DB: "   " }, "MEMQUIZ_DB", "   "],
    [{ MEMQUIZ_QUESTIONS: "  " }, "MEMQUIZ_QUESTIONS", "  "],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", "loud"],
    [{ MEMQUIZ_ROUND_SECONDS: "-5" }, "MEMQUIZ_ROUND_SECONDS", "-5"],
    [{ MEMQUIZ_ROUND_SECONDS: "soon" }, "MEMQUIZ_ROUND_SECONDS", "soon"],
    [{ TELEGRAM_WEBHOOK_URL: "not a url" }, "TELEGRAM_WEBHOOK_URL", "not a url"],
    [{ TELEGRAM_WEBHOOK_URL: "https://x.org/hook" }, "TELEGRAM_WEBHOOK_SECRET", "https://x.org/hook"],
    [{ TELEGRAM_WEBHOOK_SECRET: "has spaces!" }, "TELEGRAM_WEBHOOK_SECRET", "has spaces!"],
    [{ TELEGRAM_WEBHOOK_PORT: "70000" }, "TELEGRAM_WEBHOOK_PORT", "70000"],
    [{ DISCORD_APP_ID: "my-app" }, "DISCORD_APP_ID", "my-app"],
    [{ MEMQUIZ_DISCORD_SHARDS: "-2" }, "MEMQUIZ_DISCORD_SHARDS", "-2"],
  ])("rejects %o naming %s without echoing the value", (env, variable, value) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(variable)).toBe(true);
    if (value.trim() !== "") expect(error.message).not.toContain(value);
  });
});

/**
 * One bad value per variable with the exact message it gets. Typed over
 * CONFIG_VARIABLES, so a new variable without a case here fails the type
 * check, and the test below fails at run time too.
 */
const BAD_VALUE: Record<(typeof CONFIG_VARIABLES)[number], readonly [value: string, message: string][]> = {
  TELEGRAM_BOT_TOKEN: [
    ["12345-no-colon", "TELEGRAM_BOT_TOKEN must look like 123456:ABC-DEF (the token from @BotFather)"],
    ["123:abc def", "TELEGRAM_BOT_TOKEN must not contain spaces"],
  ],
  TELEGRAM_API_ROOT: [["ftp://example.org", "TELEGRAM_API_ROOT must be an http(s) URL, like https://api.example.org"]],
  TELEGRAM_WEBHOOK_URL: [["not a url", "TELEGRAM_WEBHOOK_URL must be an http(s) URL, like https://bot.example.org/telegram"]],
  TELEGRAM_WEBHOOK_SECRET: [["has spaces!", "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"]],
  TELEGRAM_WEBHOOK_HOST: [["   ", "TELEGRAM_WEBHOOK_HOST must not be empty"]],
  TELEGRAM_WEBHOOK_PORT: [
    ["70000", "TELEGRAM_WEBHOOK_PORT must be from 0 to 65535"],
    ["http", "TELEGRAM_WEBHOOK_PORT must be a port number"],
    ["80.5", "TELEGRAM_WEBHOOK_PORT must be a whole number"],
  ],
  DISCORD_BOT_TOKEN: [["has space", "DISCORD_BOT_TOKEN must not contain spaces"]],
  DISCORD_API_ROOT: [["nonsense", "DISCORD_API_ROOT must be an http(s) URL, like https://api.example.org"]],
  DISCORD_APP_ID: [["my-app", "DISCORD_APP_ID must be the application id, a number like 123456789012345678"]],
  MEMQUIZ_DISCORD_SHARDS: [
    ["0", "MEMQUIZ_DISCORD_SHARDS must be from 1 to 64"],
    ["two", "MEMQUIZ_DISCORD_SHARDS must be a number of shards"],
  ],
  MEMQUIZ_DB: [["   ", "MEMQUIZ_DB must not be empty"]],
  MEMQUIZ_QUESTIONS: [["  ", "MEMQUIZ_QUESTIONS must not be empty"]],
  MEMQUIZ_ROUND_SECONDS: [
    ["soon", "MEMQUIZ_ROUND_SECONDS must be a number of seconds"],
    ["3601", "MEMQUIZ_ROUND_SECONDS must be from 1 to 3600"],
  ],
  MEMQUIZ_REQUEST_TIMEOUT_SECONDS: [
    ["slow", "MEMQUIZ_REQUEST_TIMEOUT_SECONDS must be a number of seconds"],
    ["1", "MEMQUIZ_REQUEST_TIMEOUT_SECONDS must be from 2 to 600"],
  ],
  LOG_LEVEL: [["loud", "LOG_LEVEL must be one of debug, info, warn, error, silent"]],
};

describe("every config variable has a clear message", () => {
  it("has a case for every variable memquiz reads", () => {
    expect(Object.keys(BAD_VALUE).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  for (const [variable, cases] of Object.entries(BAD_VALUE)) {
    for (const [value, message] of cases) {
      it(`${variable}=${JSON.stringify(value)}: ${message}`, () => {
        // The webhook variables are read only with a bot token.
        const error = errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, [variable]: value });
        expect(error.variable).toBe(variable);
        expect(error.message).toBe(message);
      });
    }
  }

  it("names the secret a webhook URL needs", () => {
    expect(errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://x.org/hook" }).message).toBe(
      "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL, so only Telegram can post updates",
    );
  });
});

describe("optional bot settings", () => {
  it("reads webhook mode, the Discord application id and the shard count", () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg",
      TELEGRAM_WEBHOOK_SECRET: "s3cret_-x",
      DISCORD_BOT_TOKEN: "discord.token.value",
      DISCORD_APP_ID: "123456789012345678",
      MEMQUIZ_DISCORD_SHARDS: "2",
      MEMQUIZ_ROUND_SECONDS: "5",
      MEMQUIZ_REQUEST_TIMEOUT_SECONDS: "3",
    });
    expect(config.telegram?.requestTimeoutMs).toBe(3000);
    expect(config.discord?.requestTimeoutMs).toBe(3000);
    expect(config.telegram?.webhook).toEqual({ url: "https://bot.example.org/tg", secret: "s3cret_-x", host: "0.0.0.0", port: 8080 });
    expect(config.discord).toMatchObject({ appId: "123456789012345678", shards: 2 });
    expect(config.roundSeconds).toBe(5);
  });
});

describe("loadEnv", () => {
  it("reads .env when present, with real environment variables winning", () => {
    const dir = mkdtempSync(join(tmpdir(), "memquiz-env-"));
    const file = join(dir, ".env");
    writeFileSync(file, "MEMQUIZ_DB=./from-file.db\nLOG_LEVEL=debug\n# a comment\n");
    const env = loadEnv({ LOG_LEVEL: "warn" }, file);
    expect(env.MEMQUIZ_DB).toBe("./from-file.db");
    expect(env.LOG_LEVEL).toBe("warn");
  });

  it("works without a .env file", () => {
    expect(loadEnv({ A: "1" }, "/nonexistent/.env")).toEqual({ A: "1" });
  });
});
