import { Composer, type Context } from "grammy";
import { actorOf } from "../request-context.ts";
import type { TelegramDeps } from "../telegram-deps.ts";

/** Where a quiz poll belongs: its chat, round and question. Saved when the poll is sent. */
export interface PollRef {
  readonly chatId: string;
  readonly sessionId: number;
  readonly index: number;
}

/** The key under which a poll's reference is saved. */
export function pollRefKey(pollId: string): string {
  return `tg:poll:${pollId}`;
}

/**
 * Votes in round quiz polls become round answers. The answer time is when the
 * update arrived; a retracted vote (no options) changes nothing; a redelivered
 * update is recognised by its update_id inside the answer's transaction.
 */
export function pollAnswersFeature(deps: TelegramDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("poll_answer", async (ctx) => {
    const answer = ctx.pollAnswer;
    const option = answer.option_ids[0];
    if (!answer.user || option === undefined) return;
    const { store, clock } = deps.runtime.deps;
    const ref = store.getRef<PollRef>(pollRefKey(answer.poll_id));
    if (!ref) return;
    const at = clock.now();
    // Committed together with the other answers of this batch of updates, before the handler returns.
    const outcome = await deps.runtime.app.answers.submit(
      { user: actorOf(answer.user), chat: { id: ref.chatId, kind: "group" }, isAdmin: () => false },
      { sessionId: ref.sessionId, index: ref.index, option, at, dedupKey: `tg:update:${ctx.update.update_id}` },
    );
    deps.log.debug(`telegram: poll answer in update ${ctx.update.update_id}: ${outcome.kind}`);
  });
  return composer;
}
