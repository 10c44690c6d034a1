import { LOG_LEVELS } from "./config.ts";

/** A leveled logger. Every line passes through redaction, so secrets never reach the output. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The forms a secret can take in text: as is, URL-encoded (inside a request
 * URL), and for a Telegram token `<bot id>:<secret>` the part after the colon,
 * which is the actual secret (the bot id is public).
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  const colon = secret.indexOf(":");
  if (colon >= 0) forms.add(secret.slice(colon + 1));
  return [...forms].filter((form) => form.length >= 6).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret (tokens), in any of its forms, with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) for (const form of secretForms(secret)) out = out.split(form).join("[redacted]");
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
