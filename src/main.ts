/** The process entry of `npm start`: memquiz with the real clock, timers, streams and signals. */
import { loadEnv } from "./app/load-env.ts";
import { redact } from "./app/logger.ts";
import { systemClock, systemRng } from "./app/system.ts";
import { realTimers } from "./app/ticker.ts";
import { startMemquiz, type RunningMemquiz } from "./boot.ts";

/** A stop that takes longer than this is cut short: the process must be gone within 5 s of a signal. */
const STOP_DEADLINE_MS = 4_500;

const env = loadEnv();
const secrets = [env.TELEGRAM_BOT_TOKEN, env.DISCORD_BOT_TOKEN, env.TELEGRAM_WEBHOOK_SECRET].filter((s): s is string => Boolean(s));

// Everything written to stderr, libraries' console output included, passes through redaction.
const rawWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
  rawWrite(redact(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"), secrets), ...(rest as []))) as typeof process.stderr.write;
const writeError = (line: string) => process.stderr.write(`${line}\n`);

// Node prints an uncaught error itself, bypassing the redaction above; these print it redacted instead.
process.on("uncaughtException", (error) => {
  writeError(`memquiz: crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
process.on("unhandledRejection", (reason) => {
  writeError(`memquiz: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

// Listen for signals from the first moment, so one that arrives during start-up still stops gracefully.
let running: RunningMemquiz | undefined;
let stopRequested = false;
const requestStop = () => {
  if (stopRequested) return;
  stopRequested = true;
  setTimeout(() => {
    writeError("memquiz: stopping took too long; exiting now");
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  void running?.stop();
};
process.on("SIGINT", requestStop);
process.on("SIGTERM", requestStop);

const started = await startMemquiz({
  env,
  clock: systemClock,
  rng: systemRng,
  timers: realTimers,
  stdin: process.stdin,
  stdout: process.stdout,
  writeError,
  stdinIsTTY: Boolean(process.stdin.isTTY),
});
if (typeof started === "number") {
  process.exitCode = started;
} else {
  running = started;
  if (stopRequested) void started.stop();
  process.exitCode = await started.done;
  // A Discord shard process has an IPC channel to its manager, which would keep it alive.
  if (process.connected) process.disconnect();
  // The database is closed; timers a library still holds (a retry's pause) must not keep the process alive.
  if (stopRequested) {
    await started.stop();
    process.exit();
  }
}
