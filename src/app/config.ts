import { z } from "zod";

/** Log verbosity, most to least. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

const optionalToken = (name: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${name} must not be empty when set (leave it out to disable this bot)` })
    .refine((value) => !/\s/.test(value), { error: `${name} must not contain spaces` })
    .optional();

const optionalUrl = (name: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} must be an http(s) URL, like https://api.example.org` })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional();

/** A whole number within bounds, e.g. a port or a count; `what` names the unit in messages. */
const wholeNumber = (name: string, what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be ${what}` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be from ${min} to ${max}` })
    .max(max, { error: `${name} must be from ${min} to ${max}` });

const nonEmptyPath = (name: string, fallback: string) =>
  z.string().trim().min(1, { error: `${name} must not be empty` }).default(fallback);

const schema = z.object({
  TELEGRAM_BOT_TOKEN: optionalToken("TELEGRAM_BOT_TOKEN").refine(
    (value) => value === undefined || /^\d+:[\w-]+$/.test(value),
    { error: "TELEGRAM_BOT_TOKEN must look like 123456:ABC-DEF (the token from @BotFather)" },
  ),
  TELEGRAM_API_ROOT: optionalUrl("TELEGRAM_API_ROOT"),
  TELEGRAM_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: "TELEGRAM_WEBHOOK_URL must be an http(s) URL, like https://bot.example.org/telegram" })
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -" })
    .optional(),
  TELEGRAM_WEBHOOK_HOST: z.string().trim().min(1, { error: "TELEGRAM_WEBHOOK_HOST must not be empty" }).default("0.0.0.0"),
  TELEGRAM_WEBHOOK_PORT: wholeNumber("TELEGRAM_WEBHOOK_PORT", "a port number", 0, 65535).default(8080),
  DISCORD_BOT_TOKEN: optionalToken("DISCORD_BOT_TOKEN"),
  DISCORD_API_ROOT: optionalUrl("DISCORD_API_ROOT"),
  DISCORD_APP_ID: z
    .string()
    .regex(/^\d{5,20}$/, { error: "DISCORD_APP_ID must be the application id, a number like 123456789012345678" })
    .optional(),
  MEMQUIZ_DISCORD_SHARDS: wholeNumber("MEMQUIZ_DISCORD_SHARDS", "a number of shards", 1, 64).default(1),
  MEMQUIZ_DB: nonEmptyPath("MEMQUIZ_DB", "./data/memquiz.db"),
  MEMQUIZ_QUESTIONS: nonEmptyPath("MEMQUIZ_QUESTIONS", "./questions"),
  MEMQUIZ_ROUND_SECONDS: wholeNumber("MEMQUIZ_ROUND_SECONDS", "a number of seconds", 1, 3600).optional(),
  MEMQUIZ_REQUEST_TIMEOUT_SECONDS: wholeNumber("MEMQUIZ_REQUEST_TIMEOUT_SECONDS", "a number of seconds", 2, 600).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
});

/** Validated settings, read once at start-up. */
export interface Config {
  readonly telegram?: {
    readonly token: string;
    readonly apiRoot?: string;
    /** Webhook mode; long polling when absent. */
    readonly webhook?: { readonly url: string; readonly secret: string; readonly host: string; readonly port: number };
    /** How long one Bot API request may take before it is abandoned and retried (default 60 s). */
    readonly requestTimeoutMs?: number;
  };
  readonly discord?: {
    readonly token: string;
    readonly apiRoot?: string;
    /** Needed by `memquiz register-commands`. */
    readonly appId?: string;
    /** More than 1 runs discord.js's ShardingManager with that many shard processes. */
    readonly shards: number;
    /** How long one REST request may take before it is abandoned and retried (default discord.js's 15 s). */
    readonly requestTimeoutMs?: number;
  };
  readonly dbPath: string;
  readonly questionsDir: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Overrides the round length everywhere (for scripts and tests). */
  readonly roundSeconds?: number;
}

/** A config variable with a bad value; the message names the variable and the rule, never the value. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/** The environment variables memquiz reads, for docs and tests. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/**
 * Validates the environment into a Config. Empty values count as unset,
 * as in most .env files. Throws ConfigError for the first bad variable.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const input: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== "") input[name] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? "config");
    // zod's default messages would echo the input; ours name only the variable and rule.
    const message = issue?.message.startsWith(variable) ? issue.message : `${variable} is invalid: ${issue?.message ?? "unknown error"}`;
    throw new ConfigError(variable, message);
  }
  const c = result.data;
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError("TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL, so only Telegram can post updates");
  }
  const webhook = c.TELEGRAM_WEBHOOK_URL && c.TELEGRAM_WEBHOOK_SECRET
    ? { url: c.TELEGRAM_WEBHOOK_URL, secret: c.TELEGRAM_WEBHOOK_SECRET, host: c.TELEGRAM_WEBHOOK_HOST, port: c.TELEGRAM_WEBHOOK_PORT }
    : undefined;
  const requestTimeout = c.MEMQUIZ_REQUEST_TIMEOUT_SECONDS === undefined ? {} : { requestTimeoutMs: c.MEMQUIZ_REQUEST_TIMEOUT_SECONDS * 1000 };
  return {
    ...(c.TELEGRAM_BOT_TOKEN
      ? {
          telegram: {
            token: c.TELEGRAM_BOT_TOKEN,
            ...(c.TELEGRAM_API_ROOT ? { apiRoot: c.TELEGRAM_API_ROOT } : {}),
            ...(webhook ? { webhook } : {}),
            ...requestTimeout,
          },
        }
      : {}),
    ...(c.DISCORD_BOT_TOKEN
      ? {
          discord: {
            token: c.DISCORD_BOT_TOKEN,
            ...(c.DISCORD_API_ROOT ? { apiRoot: c.DISCORD_API_ROOT } : {}),
            ...(c.DISCORD_APP_ID ? { appId: c.DISCORD_APP_ID } : {}),
            shards: c.MEMQUIZ_DISCORD_SHARDS,
            ...requestTimeout,
          },
        }
      : {}),
    dbPath: c.MEMQUIZ_DB,
    questionsDir: c.MEMQUIZ_QUESTIONS,
    logLevel: c.LOG_LEVEL,
    ...(c.MEMQUIZ_ROUND_SECONDS !== undefined ? { roundSeconds: c.MEMQUIZ_ROUND_SECONDS } : {}),
  };
}
