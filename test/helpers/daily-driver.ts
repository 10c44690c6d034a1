import type { RequestContext } from "../../src/app/context.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { DailyQuestionPayload, OutboxPayload } from "../../src/core/game/outbox-payload.ts";
import { toPlainText } from "../../src/core/render/doc.ts";
import type { createHarness } from "./harness.ts";

type Harness = ReturnType<typeof createHarness>;

/**
 * Moves a harness's fake clock to `target`, stopping at every persisted
 * deadline (round closes, reveals, daily posts) on the way and letting the
 * runtime finish the work each one starts, as the real timer would.
 */
export async function runUntil(h: Harness, target: number): Promise<void> {
  for (let guard = 0; guard < 100_000; guard++) {
    const deadlines = [h.store.nextDeadline(), h.store.nextDailyAt()].filter((d): d is number => d !== null);
    const next = Math.min(...deadlines);
    if (!(next <= target)) break;
    h.time.set(Math.max(next, h.time.clock.now()));
    await h.runtime.idle();
    await h.runtime.settle();
  }
  h.time.set(Math.max(target, h.time.clock.now()));
  await h.runtime.idle();
}

/** Runs a command and returns its replies as plain text. */
export async function say(h: Harness, ctx: RequestContext, text: string): Promise<string> {
  const command = parseCommand(text);
  if (!command) throw new Error(`not a command: ${text}`);
  const replies = await h.app.command(ctx, command);
  await h.runtime.settle();
  return replies.map((r) => (r.type === "doc" ? toPlainText(r.doc) : r.type)).join("\n");
}

/** The daily questions a chat was sent, in order. */
export function dailyPosts(sent: readonly { chatId: string; payload: OutboxPayload }[], chatId: string): DailyQuestionPayload[] {
  return sent.filter((s) => s.chatId === chatId && s.payload.type === "daily-question").map((s) => s.payload as DailyQuestionPayload);
}

/** The payloads of one type a chat was sent. */
export function sentOf<T extends OutboxPayload["type"]>(sent: readonly { chatId: string; payload: OutboxPayload }[], chatId: string, type: T): Extract<OutboxPayload, { type: T }>[] {
  return sent.filter((s) => s.chatId === chatId && s.payload.type === type).map((s) => s.payload as Extract<OutboxPayload, { type: T }>);
}
