/** The process entry of `npm start`: memquiz with the real clock, timers, streams and signals. */
import { loadEnv } from "./app/load-env.ts";
import { systemClock, systemRng } from "./app/system.ts";
import { realTimers } from "./app/ticker.ts";
import { startMemquiz, type RunningMemquiz } from "./boot.ts";

// Listen for signals from the first moment, so one that arrives during start-up still stops gracefully.
let running: RunningMemquiz | undefined;
let stopRequested = false;
const requestStop = () => {
  stopRequested = true;
  void running?.stop();
};
process.once("SIGINT", requestStop);
process.once("SIGTERM", requestStop);

const started = await startMemquiz({
  env: loadEnv(),
  clock: systemClock,
  rng: systemRng,
  timers: realTimers,
  stdin: process.stdin,
  stdout: process.stdout,
  writeError: (line) => process.stderr.write(`${line}\n`),
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
}
