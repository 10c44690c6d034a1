import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * The process environment merged over a `.env` file, when one exists.
 * Real environment variables win, so a deploy can override the file.
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env, file = ".env"): Record<string, string | undefined> {
  if (!existsSync(file)) return { ...env };
  const fromFile = parseEnv(readFileSync(file, "utf8"));
  return { ...fromFile, ...env };
}
