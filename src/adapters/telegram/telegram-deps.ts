import type { Logger } from "../../app/logger.ts";
import type { Runtime } from "../../app/runtime.ts";
import type { RequestContext } from "../../app/context.ts";
import type { Context } from "grammy";
import type { CardDrawer } from "../../cards/index.ts";

/** What every Telegram feature needs: the runtime, a logger, and how to build a request context. */
export interface TelegramDeps {
  readonly runtime: Runtime;
  readonly log: Logger;
  /** The app's request context for an update with a sender and a chat. */
  readonly contextOf: (ctx: Context) => RequestContext | undefined;
  /** Draws picture cards; undefined when drawing failed (then the text goes alone). */
  readonly drawCard: CardDrawer;
}
