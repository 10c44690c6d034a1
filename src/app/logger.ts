import { LOG_LEVELS } from "./config.ts";

/** A leveled logger. Every line passes through redaction, so secrets never reach the output. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Replaces every occurrence of each secret (tokens) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join("[redacted]");
  return out;
}

/** A logger that writes lines at or above `level` to `write` (stderr by default), with secrets masked. */
export function createLogger(
  level: (typeof LOG_LEVELS)[number],
  options: { secrets?: readonly string[]; write?: (line: string) => void; clock?: () => Date } = {},
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = options.secrets ?? [];
  const at = options.clock ?? (() => new Date());
  const emit = (name: (typeof LOG_LEVELS)[number]) => (message: string) => {
    if (LOG_LEVELS.indexOf(name) < threshold) return;
    write(redact(`${at().toISOString()} ${name} ${message}`, secrets));
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}
