/**
 * The composition root: reads the config, loads the bank, opens the database
 * and starts the configured bots, or the console chat when no token is set.
 * `main.ts` calls it with the real process; end-to-end tests call it with a
 * fake clock, timers and streams.
 */
import type { Readable, Writable } from "node:stream";
import { ConfigError, parseConfig, type Config } from "./app/config.ts";
import { createLogger, type Logger } from "./app/logger.ts";
import { createRuntime, type Runtime } from "./app/runtime.ts";
import type { TimerPort } from "./app/ticker.ts";
import { createConsoleChat } from "./adapters/console/console-chat.ts";
import type { DiscordBot } from "./adapters/discord/discord-bot.ts";
import { isShardProcess, tolerateClosedManagerChannel } from "./adapters/discord/shard-process.ts";
import type { TelegramBot } from "./adapters/telegram/telegram-bot.ts";
import { formatIssue, type Bank } from "./core/bank/index.ts";
import type { Clock, Rng } from "./core/ports.ts";
import { closeDatabase, createSqliteStore, loadBankFromDir, openDatabase, QuestionFolderError, StorageError } from "./storage/index.ts";

/** The outside world memquiz runs in: the process's, or a test's. */
export interface BootEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly timers: TimerPort;
  readonly stdin: Readable;
  readonly stdout: Writable;
  /** Where start-up errors and logs go (stderr). */
  readonly writeError: (line: string) => void;
  readonly stdinIsTTY: boolean;
}

/** A started memquiz: wait for it to end by itself, or stop it (signals). */
export interface RunningMemquiz {
  readonly runtime: Runtime;
  /** The platform bots that were started. */
  readonly adapters: { readonly telegram?: TelegramBot; readonly discord?: DiscordBot };
  /** Resolves with the exit code when memquiz has stopped. */
  readonly done: Promise<number>;
  /** Stops taking input, finishes work in flight, and closes the database. */
  stop(): Promise<void>;
}

function readConfig(env: BootEnvironment): Config | undefined {
  try {
    return parseConfig(env.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    env.writeError(`memquiz: config: ${error.message}`);
    return undefined;
  }
}

function loadBank(dir: string, log: Logger, writeError: (line: string) => void): Bank | undefined {
  try {
    const result = loadBankFromDir(dir);
    for (const warning of result.warnings) log.warn(formatIssue(warning));
    if (result.ok) return result.bank;
    for (const error of result.errors) writeError(formatIssue(error));
    writeError(`memquiz: ${result.errors.length} error(s) in the questions; run \`npm run validate\` for details.`);
  } catch (error) {
    if (!(error instanceof QuestionFolderError)) throw error;
    writeError(`memquiz: ${error.message}`);
  }
  return undefined;
}

/**
 * Starts memquiz. Returns an exit code instead when start-up fails: 2 for a
 * bad config (one line naming the variable), 1 for a broken bank or database.
 */
export async function startMemquiz(boot: BootEnvironment): Promise<RunningMemquiz | number> {
  const config = readConfig(boot);
  if (!config) return 2;
  const secrets = [config.telegram?.token, config.telegram?.webhook?.secret, config.discord?.token].filter((s): s is string => Boolean(s));
  const log = createLogger(config.logLevel, { secrets, write: boot.writeError, clock: () => new Date(boot.clock.now()) });
  const bank = loadBank(config.questionsDir, log, boot.writeError);
  if (!bank) return 1;
  let db;
  try {
    // Checkpoints run on a worker thread, so no answer's commit waits for one.
    db = openDatabase(config.dbPath, { backgroundCheckpoint: { onError: (message) => log.warn(`database: background checkpoint failed: ${message}`) } });
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    boot.writeError(`memquiz: ${error.message}`);
    return 1;
  }
  const store = createSqliteStore(db);
  const runtime = createRuntime({
    store, bank, clock: boot.clock, rng: boot.rng, timers: boot.timers, log, roundSeconds: config.roundSeconds,
  });
  const stops: (() => Promise<void>)[] = [];
  const adapters: { telegram?: TelegramBot; discord?: DiscordBot } = {};
  let resolveBots: (code: number) => void = () => undefined;
  let finished: Promise<number>;
  // A bot that can't start undoes what already started and ends memquiz with exit code 1.
  const startOrAbort = async (platform: string, start: () => Promise<void>): Promise<boolean> => {
    try {
      await start();
      return true;
    } catch (error) {
      log.error(`${platform}: could not start: ${error instanceof Error ? error.message : String(error)}`);
      for (const stop of stops) await stop();
      await runtime.stop();
      closeDatabase(db);
      return false;
    }
  };
  if (config.telegram || config.discord) {
    const shard = isShardProcess(boot.env);
    if (shard) tolerateClosedManagerChannel();
    const discordConfig = config.discord;
    if (discordConfig) {
      const started = await startOrAbort("discord", async () => {
        // The platform libraries load only when their bot runs: discord.js alone takes about 0.4 s.
        if (discordConfig.shards > 1 && !shard) {
          const { startShards } = await import("./adapters/discord/sharding.ts");
          const shards = await startShards({ token: discordConfig.token, count: discordConfig.shards, log, env: boot.env });
          stops.push(() => shards.stop());
        } else {
          const { startDiscordBot } = await import("./adapters/discord/discord-bot.ts");
          const discord = await startDiscordBot({ token: discordConfig.token, apiRoot: discordConfig.apiRoot, requestTimeoutMs: discordConfig.requestTimeoutMs, runtime, log, timers: boot.timers });
          stops.push(() => discord.stop());
          adapters.discord = discord;
        }
      });
      if (!started) return 1;
    }
    // A shard process runs only its Discord shards; the parent process runs Telegram.
    const telegramConfig = config.telegram;
    if (telegramConfig && !shard) {
      const started = await startOrAbort("telegram", async () => {
        const { startTelegramBot } = await import("./adapters/telegram/telegram-bot.ts");
        const telegram = await startTelegramBot({ ...telegramConfig, runtime, log, timers: boot.timers });
        stops.push(() => telegram.stop());
        adapters.telegram = telegram;
      });
      if (!started) return 1;
    }
    // Questions that fell due while the process was down close now, and queued messages go out.
    await runtime.tick();
    finished = new Promise<number>((resolve) => (resolveBots = resolve));
  } else {
    const chat = createConsoleChat({
      runtime,
      input: boot.stdin,
      output: boot.stdout,
      interactive: boot.stdinIsTTY,
      localeHint: boot.env.LC_ALL || boot.env.LC_MESSAGES || boot.env.LANG,
      userName: boot.env.USER || "you",
      timers: boot.timers,
    });
    stops.push(async () => chat.close());
    finished = chat.run().then(() => 0);
  }
  let closed = false;
  const shutdown = async () => {
    if (closed) return;
    closed = true;
    await runtime.stop();
    closeDatabase(db);
    log.debug("database checkpointed and closed");
  };
  const done = finished.finally(shutdown);
  let stopping: Promise<void> | undefined;
  // Idempotent: a signal, the manager going away and a test may all ask.
  const stop = () =>
    (stopping ??= (async () => {
      log.info("stopping: no new updates; finishing the work in flight");
      for (const stopOne of stops) await stopOne();
      resolveBots(0);
      await done;
      log.info("stopped");
    })());
  // A shard whose manager died (its IPC channel closed) has no one left to stop it.
  if (isShardProcess(boot.env) && process.connected) process.once("disconnect", () => void stop());
  return { runtime, done, adapters, stop };
}
