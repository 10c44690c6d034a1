import type { FakeState } from "./state.ts";
import type { Params } from "./params.ts";
import type { UpdateQueue } from "./update-queue.ts";
import { botMethods } from "./methods-bot.ts";
import { messageMethods } from "./methods-messages.ts";
import { pollMethods } from "./methods-polls.ts";

/** What a method handler may use besides its parameters. */
export interface MethodContext {
  /** The fake's memory. */
  readonly state: FakeState;
  /** The update queue behind `getUpdates`. */
  readonly updates: UpdateQueue;
  /** Aborted when the client goes away, so a long poll can stop waiting. */
  readonly signal: AbortSignal;
}

/** One Bot API method: returns `result`, or throws a `TelegramApiError`. */
export type MethodHandler = (params: Params, ctx: MethodContext) => unknown;

/** Bot API methods by their canonical (camelCase) name. */
export type MethodTable = Readonly<Record<string, MethodHandler>>;

/** Every method the fake implements; any other name is a 404, as on Telegram. */
export function createMethodTable(): MethodTable {
  return { ...botMethods, ...messageMethods, ...pollMethods };
}

/**
 * Finds a method the way Telegram does, ignoring case; returns the canonical
 * name with the handler, or undefined for an unknown method.
 */
export function findMethod(table: MethodTable, name: string): { name: string; handler: MethodHandler } | undefined {
  const lower = name.toLowerCase();
  for (const [canonical, handler] of Object.entries(table)) {
    if (canonical.toLowerCase() === lower) return { name: canonical, handler };
  }
  return undefined;
}
