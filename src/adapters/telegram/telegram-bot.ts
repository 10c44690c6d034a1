import { createServer, type Server } from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize, type RunnerHandle } from "@grammyjs/runner";
import { Bot, GrammyError, HttpError, webhookCallback, type Context } from "grammy";
import type { Logger } from "../../app/logger.ts";
import type { Runtime } from "../../app/runtime.ts";
import { createSendQueue, TELEGRAM_LIMITS, type SendLimits } from "../../app/send-queue.ts";
import type { TimerPort } from "../../app/ticker.ts";
import { createCardDrawer } from "../../cards/index.ts";
import { messages } from "../../core/i18n/index.ts";
import { createAdminCache } from "./admin-cache.ts";
import { retryApiFaults } from "./api-retry.ts";
import { runConfirmingPoller } from "./confirming-poller.ts";
import { describeApiFault, isLoggedFault, logApiFaults } from "./fault-log.ts";
import { lengthGuard } from "./length-guard.ts";
import { registerCommands } from "./commands-menu.ts";
import { commandsFeature } from "./features/commands.ts";
import { forgetFeature } from "./features/forget.ts";
import { pollAnswersFeature } from "./features/poll-answers.ts";
import { practiceButtonsFeature } from "./features/practice-buttons.ts";
import { createTelegramSink } from "./outbox-sink.ts";
import { requestContext } from "./request-context.ts";
import type { TelegramDeps } from "./telegram-deps.ts";

/** How the Telegram bot receives updates and where it sends requests. */
export interface TelegramOptions {
  readonly token: string;
  readonly apiRoot?: string | undefined;
  /** Webhook mode: Telegram posts updates to this URL; otherwise long polling. */
  readonly webhook?: { readonly url: string; readonly secret: string; readonly host: string; readonly port: number } | undefined;
  readonly runtime: Runtime;
  readonly log: Logger;
  readonly timers: TimerPort;
  readonly limits?: SendLimits;
  /** How long one Bot API request may take before it is abandoned (and retried); default 60 s. */
  readonly requestTimeoutMs?: number;
}

/** The default request timeout; a long poll is held for at most half of it. */
const REQUEST_TIMEOUT_MS = 60_000;

/** How long shutdown waits for handlers in flight; the updates of any still running were not confirmed, so Telegram sends them again. */
const DRAIN_MS = 3_000;

const ALLOWED_UPDATES = ["message", "callback_query", "poll_answer"] as const;

/** A running Telegram bot. */
export interface TelegramBot {
  readonly bot: Bot;
  /** The webhook server's port, in webhook mode. */
  readonly webhookPort: number | undefined;
  /** Stops taking updates and waits for the handlers in flight. */
  stop(): Promise<void>;
}

function describeError(error: unknown): string {
  if (error instanceof GrammyError) return `Telegram refused ${error.method}: ${error.error_code} ${error.description}`;
  if (error instanceof HttpError) return `network error: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The idempotency key of a Telegram update. */
export function updateKey(updateId: number): string {
  return `tg:update:${updateId}`;
}

/**
 * Starts memquiz on Telegram: long polling through grammY's runner (or a
 * webhook), one Composer per feature, sequential per chat, with auto-retry
 * for 429 and 5xx and a rate-limited queue for the messages the bot starts.
 */
export async function startTelegramBot(options: TelegramOptions): Promise<TelegramBot> {
  const { runtime, log } = options;
  const { store, clock, bank } = runtime.deps;
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const bot = new Bot(options.token, { client: { timeoutSeconds: timeoutMs / 1000, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) } });
  // The fault log sits beneath the retries, so it sees each failed attempt once.
  bot.api.config.use(logApiFaults(log));
  // 5xx and network failures back off on the app's timers; auto-retry only waits out 429's retry_after
  // (its own backoff for the rest starts at 3 s of wall time and grows to an hour, without a cap on attempts).
  bot.api.config.use(retryApiFaults({ timers: options.timers, except: ["getUpdates"] }));
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: true, rethrowHttpErrors: true }));
  // Outermost: a text over Telegram's limit is cut once before it is sent (and retried).
  bot.api.config.use(lengthGuard(log));
  const admins = createAdminCache(clock, async (chatId, userId) => (await bot.api.getChatMember(chatId, userId)).status);
  const drawCard = createCardDrawer(log);
  const deps: TelegramDeps = { runtime, log, drawCard, contextOf: (ctx) => requestContext(ctx, (c, u) => admins.isAdmin(c, u)) };

  // The runner doesn't wait for handlers when it stops, so count them to drain on shutdown.
  let inFlight = 0;
  let drained: (() => void) | undefined;
  bot.use(async (_ctx, next) => {
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  });
  // One chat's updates run in order; different chats run in parallel.
  bot.use(sequentialize((ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? ctx.pollAnswer?.poll_id ?? "")));
  // An update Telegram delivers twice is handled once. Poll answers claim their update inside the
  // answer's own transaction; commands claim theirs inside the command's own first transaction
  // (`withUpdateClaim`), so a crash can't commit the claim without the change. Button presses claim
  // nothing: a second press of the same button is refused by the practice state instead.
  bot.use(async (ctx, next) => {
    if (ctx.pollAnswer || ctx.callbackQuery) return next();
    await runtime.app.withUpdateClaim(updateKey(ctx.update.update_id), next);
  });
  // /forget and its buttons come first: the generic features would take them for their own.
  bot.use(forgetFeature(deps), commandsFeature(deps), practiceButtonsFeature(deps), pollAnswersFeature(deps));
  bot.catch(async (err) => {
    log.error(`telegram: update ${err.ctx.update.update_id} failed: ${describeError(err.error)}`);
    const request = deps.contextOf(err.ctx);
    const lang = request ? runtime.app.languageOf(request) : "en";
    if (err.ctx.chat) await err.ctx.reply(messages(lang).somethingWentWrong).catch(() => undefined);
  });

  await bot.init();
  await registerCommands(bot.api);
  const queue = createSendQueue({ clock, timers: options.timers, limits: options.limits ?? TELEGRAM_LIMITS });
  // Only this process sends to Telegram, so an outbox lease older than this process was left by a crashed one.
  const sink = createTelegramSink({ api: bot.api, bank, store, clock, queue, drawCard, log });
  runtime.addSink("tg", { deliver: (record) => sink.deliver(record), exclusive: true });
  log.info(`telegram: signed in as @${bot.botInfo.username}`);

  let runner: RunnerHandle | undefined;
  let fetchTroubleLogged = false;
  let server: Server | undefined;
  if (options.webhook) {
    const { url, secret, host, port } = options.webhook;
    const handle = webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return" });
    const path = new URL(url).pathname;
    server = createServer((req, res) => {
      if (req.method !== "POST" || req.url?.split("?")[0] !== path) {
        res.writeHead(404).end();
        return;
      }
      handle(req, res).catch((error: unknown) => {
        log.error(`telegram: webhook request failed: ${describeError(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(port, host, resolve));
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
    log.info(`telegram: webhook listening on ${host}:${(server.address() as { port: number }).port}`);
  } else {
    await bot.api.deleteWebhook();
    runner = runConfirmingPoller(bot, {
      allowedUpdates: ALLOWED_UPDATES,
      longPollSeconds: Math.max(1, Math.min(30, Math.floor(timeoutMs / 2000))),
      timers: options.timers,
      // Faults of the platform are logged once by the fault log already; this logs the rest (a 401, a 409).
      onFetchTrouble: (event) => {
        if (event.kind === "failing") {
          fetchTroubleLogged = !isLoggedFault(event.error);
          if (fetchTroubleLogged) log.warn(`telegram: fetching updates failed (${describeApiFault(event.error)}); retrying with backoff`);
        } else if (fetchTroubleLogged) log.info(`telegram: fetching updates works again after ${event.failures} failed attempt(s)`);
      },
    });
  }

  return {
    bot,
    webhookPort: server ? (server.address() as { port: number }).port : undefined,
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
      // Queued outbox messages stay in the outbox for the next start; handlers in
      // flight finish (and record their answers) before the database closes.
      queue.stop();
      if (inFlight > 0) {
        let timer: unknown;
        const timedOut = await Promise.race([
          new Promise<boolean>((resolve) => (drained = () => resolve(false))),
          new Promise<boolean>((resolve) => (timer = options.timers.set(() => resolve(true), DRAIN_MS))),
        ]);
        options.timers.clear(timer);
        if (timedOut) log.warn(`telegram: ${inFlight} update(s) still running at shutdown; they were not confirmed, so Telegram delivers them again`);
      }
    },
  };
}
