import type { RequestContext } from "../../src/app/context.ts";
import type { GameApp } from "../../src/app/game-app.ts";
import type { Store } from "../../src/core/ports.ts";

/**
 * A name for crowd player `i`: mostly Cyrillic, some with HTML and Markdown
 * characters, some of the 64 characters a Telegram name may have, some with
 * emoji (two UTF-16 code units each), so every way a name can grow is tried.
 */
export function crowdName(i: number): string {
  switch (i % 4) {
    case 0:
      return `Игрок ${i}`;
    case 1:
      return `<b>&amp; *_~\`|>#[${i}]`;
    case 2:
      return `Константин Константинопольский-Византийский ${i}`.padEnd(64, "ё").slice(0, 64);
    default:
      return `🐍🐍🐍 ${i} 🐍🐍🐍`;
  }
}

/**
 * Has `count` players answer the chat's open round question, in one
 * transaction for speed: each answer `i` ms after `openedAt`, every fifth one
 * wrong. Returns how many were right.
 */
export function crowdAnswers(app: GameApp, store: Store, options: { chatId: string; userPrefix: string; count: number; answer: number; options: number; openedAt: number }): number {
  let right = 0;
  store.transaction(() => {
    for (let i = 0; i < options.count; i++) {
      const ctx: RequestContext = {
        user: { id: `${options.userPrefix}${100_000 + i}`, name: crowdName(i) },
        chat: { id: options.chatId, kind: "group" },
        isAdmin: () => false,
      };
      const wrong = i % 5 === 4;
      const outcome = app.rounds.answer(ctx, { option: wrong ? (options.answer + 1) % options.options : options.answer, at: options.openedAt + 1_000 + i });
      if (outcome.kind !== "accepted") throw new Error(`answer ${i}: ${outcome.kind}`);
      if (!wrong) right++;
    }
  });
  return right;
}
