import type { Lang } from "../../core/bank/types.ts";
import { forgetMessages } from "../../core/i18n/forget.ts";
import { bold, p, type Doc } from "../../core/render/doc.ts";
import type { ForgetReport } from "../../core/ports.ts";
import { participants, type AppDeps, type RequestContext } from "../context.ts";
import { notice, type Reply } from "../replies.ts";

/** How long a `/forget` request waits for its confirmation. */
export const FORGET_TTL_MS = 5 * 60_000;

/** Pending requests kept at most; the oldest goes first (a flood of requests can't grow memory). */
const MAX_PENDING = 10_000;

/** How a confirmation or cancellation ended; adapters edit the prompt into `doc` or show it as an alert. */
export type ForgetOutcome =
  | { readonly kind: "deleted"; readonly lang: Lang; readonly doc: Doc; readonly report: ForgetReport }
  | { readonly kind: "cancelled" | "expired" | "not-yours" | "nothing"; readonly lang: Lang; readonly doc: Doc };

interface Pending {
  readonly userId: string;
  readonly chatId: string;
  readonly expiresAt: number;
}

/** A token for callback data and custom ids: 10 base-36 characters from the app's random source. */
function newToken(next: () => number): string {
  let out = "";
  for (let i = 0; i < 10; i++) out += Math.floor(next() * 36).toString(36);
  return out;
}

/**
 * `/forget`: asks first, then deletes everything stored about the caller in
 * one transaction (see `ForgetStore`). A request is bound to the caller and
 * the chat it was made in, and expires after five minutes; requests live in
 * memory, so after a restart the user simply asks again.
 */
export function createForget(deps: AppDeps) {
  const { store, clock, rng } = deps;
  const pending = new Map<string, Pending>();

  function prune(now: number): void {
    for (const [token, request] of pending) if (request.expiresAt <= now) pending.delete(token);
    while (pending.size >= MAX_PENDING) {
      const oldest = pending.keys().next().value;
      if (oldest === undefined) break;
      pending.delete(oldest);
    }
  }

  /** The newest live request of this user in this chat, for typed confirmations. */
  function latestOf(ctx: RequestContext): string | undefined {
    let found: string | undefined;
    for (const [token, request] of pending) if (request.userId === ctx.user.id && request.chatId === ctx.chat.id) found = token;
    return found;
  }

  /** Finds the request a press or a typed answer refers to, or says why there is none. */
  function resolve(ctx: RequestContext, token: string | undefined, lang: Lang): { token: string } | ForgetOutcome {
    const t = forgetMessages(lang);
    const now = clock.now();
    const key = token ?? latestOf(ctx);
    const request = key === undefined ? undefined : pending.get(key);
    if (key === undefined || !request) return token === undefined ? { kind: "nothing", lang, doc: [p(t.nothingToConfirm)] } : { kind: "expired", lang, doc: [p(t.expired)] };
    if (request.userId !== ctx.user.id) return { kind: "not-yours", lang, doc: [p(t.notYours)] };
    if (request.expiresAt <= now || request.chatId !== ctx.chat.id) {
      pending.delete(key);
      return { kind: "expired", lang, doc: [p(t.expired)] };
    }
    return { token: key };
  }

  /** `/forget`: the question, with confirm and cancel buttons bound to a new request. */
  function request(ctx: RequestContext): Reply[] {
    const { lang } = participants(store, ctx);
    const t = forgetMessages(lang);
    const now = clock.now();
    prune(now);
    const token = newToken(() => rng.next());
    pending.set(token, { userId: ctx.user.id, chatId: ctx.chat.id, expiresAt: now + FORGET_TTL_MS });
    return [{
      type: "doc",
      doc: [p(bold(t.title)), p(t.what), p(t.expires(FORGET_TTL_MS / 60_000))],
      private: true,
      confirm: { token, confirm: t.confirmButton, cancel: t.cancelButton, typed: t.typeToConfirm },
    }];
  }

  /**
   * Confirms a request (by its token from a button, or the user's newest in
   * this chat when typed) and deletes the caller's data; refuses anyone but
   * the caller, and requests that expired or were answered already.
   */
  function confirm(ctx: RequestContext, token?: string): ForgetOutcome {
    const { lang } = participants(store, ctx);
    const found = resolve(ctx, token, lang);
    if ("kind" in found) return found;
    pending.delete(found.token);
    // The user's other requests die with their data.
    for (const [key, pendingRequest] of pending) if (pendingRequest.userId === ctx.user.id) pending.delete(key);
    const report = store.transaction(() => store.forgetUser(ctx.user.id));
    deps.log?.info(`forget: deleted a user's data (${report.answers} answers, ${report.chats.length} chats)`);
    return { kind: "deleted", lang, doc: [p(forgetMessages(lang).done(report.answers))], report };
  }

  function cancel(ctx: RequestContext, token?: string): ForgetOutcome {
    const { lang } = participants(store, ctx);
    const found = resolve(ctx, token, lang);
    if ("kind" in found) return found;
    pending.delete(found.token);
    return { kind: "cancelled", lang, doc: [p(forgetMessages(lang).cancelled)] };
  }

  return {
    request,

    /**
     * Confirms a request (by its token from a button, or the user's newest in
     * this chat when typed) and deletes the caller's data; refuses anyone
     * but the caller, and requests that expired or were answered already.
     */
    confirm,

    /** Cancels a request; only its caller may. */
    cancel,

    /** `/forget`, `/forget confirm`, `/forget cancel` as typed commands. */
    command(ctx: RequestContext, args: readonly string[]): Reply[] {
      const arg = (args[0] ?? "").toLowerCase();
      if (arg === "confirm" || arg === "yes") return [notice(confirm(ctx).doc)];
      if (arg === "cancel" || arg === "no") return [notice(cancel(ctx).doc)];
      return request(ctx);
    },
  };
}

/** The `/forget` use cases. */
export type Forget = ReturnType<typeof createForget>;
