/** The process entry of `npm start`: memquiz with the real clock, timers, streams and signals. */
import { loadEnv } from "./app/load-env.ts";
import { systemClock, systemRng } from "./app/system.ts";
import { realTimers } from "./app/ticker.ts";
import { startMemquiz } from "./boot.ts";

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
  const stop = () => void started.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  process.exitCode = await started.done;
}
