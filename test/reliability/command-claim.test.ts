import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.ts";
import { startTelegramHarness, type TelegramBotHarness } from "../helpers/telegram-bot-harness.ts";

// Guards against a command update being claimed (recorded as handled) in a commit of its own
// before its handler ran: a SIGKILL between the two commits made Telegram's redelivery be
// skipped, and the command was lost. The claim now commits inside the command's own transaction.

let h: TelegramBotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const GROUP = -100_555;
const UPDATE_ID = 900;

/** The process "dies" here: what was not committed is gone, and the handler goes no further. */
class SimulatedKill extends Error {
  override readonly name = "SimulatedKill";
}

/**
 * Makes the handling of update `key` stop at a kill point, once:
 * `"before-commit"` right after the claim's statement ran, before its transaction commits;
 * `"after-commit"` right after the first transaction that wrote the claim has committed.
 */
function killOnce(store: Store, key: string, point: "before-commit" | "after-commit"): void {
  const realClaim = store.claimUpdate.bind(store);
  const realTransaction = store.transaction.bind(store);
  let claimed = false;
  let fired = false;
  const patched = store as { claimUpdate: Store["claimUpdate"]; transaction: Store["transaction"] };
  patched.claimUpdate = (k, at) => {
    const fresh = realClaim(k, at);
    if (k === key && !fired) {
      claimed = true;
      if (point === "before-commit") {
        fired = true;
        throw new SimulatedKill("killed before the commit");
      }
    }
    return fresh;
  };
  patched.transaction = <T>(fn: () => T): T => {
    const result = realTransaction(fn);
    if (point === "after-commit" && claimed && !fired) {
      fired = true;
      throw new SimulatedKill("killed after the commit");
    }
    return result;
  };
}

/** Waits until the bot has told Telegram that update `id` is handled, so pushing it again is a redelivery. */
async function confirmed(h: TelegramBotHarness, id: number): Promise<void> {
  await h.until(() => h.fake.calls.some((c) => c.method === "getUpdates" && Number(c.params["offset"]) > id) || undefined, `the confirmation of update ${id}`);
}

async function startGroup() {
  h = await startTelegramHarness();
  const { fake } = h;
  const group = fake.groupChat(GROUP, "Pythonistas");
  const alice = fake.user(1, "Alice");
  return { h, fake, group, alice, store: h.memquiz.runtime.deps.store };
}

describe("a command update redelivered after a crash (Telegram)", () => {
  it("runs the command when the kill came before its change committed, and only once", async () => {
    const { h, fake, group, alice, store } = await startGroup();
    const quiz = { ...fake.message(group, alice, "/quiz 1"), update_id: UPDATE_ID };
    killOnce(store, `tg:update:${UPDATE_ID}`, "before-commit");
    fake.pushUpdate(quiz);
    await h.until(() => h.logs.some((line) => line.includes(`update ${UPDATE_ID} failed`)) || undefined, "the killed handler");
    expect(store.openSession(`tg:${GROUP}`, "round")).toBeUndefined();
    await confirmed(h, UPDATE_ID);

    // Telegram was never told the update was handled, so it comes again: this time it runs.
    fake.pushUpdate(quiz);
    await h.until(() => fake.callsOf("sendPoll")[0], "the round's first question");
    // And again (a duplicate): nothing more happens. /top afterwards marks the duplicate as done.
    fake.pushUpdate(quiz);
    fake.pushUpdate(fake.message(group, alice, "/top"));
    await h.until(() => fake.messages(GROUP).find((m) => (m.text ?? m.caption ?? "").startsWith("Top —")), "the /top reply");
    expect(fake.messages(GROUP).filter((m) => m.text?.startsWith("Round started"))).toHaveLength(1);
    expect(fake.callsOf("sendPoll")).toHaveLength(1);
    expect(store.openSession(`tg:${GROUP}`, "round")).toBeDefined();
  });

  it("skips the redelivered command when the kill came after its change committed", async () => {
    const { h, fake, group, alice, store } = await startGroup();
    const quiz = { ...fake.message(group, alice, "/quiz 1"), update_id: UPDATE_ID };
    killOnce(store, `tg:update:${UPDATE_ID}`, "after-commit");
    fake.pushUpdate(quiz);
    await h.until(() => h.logs.some((line) => line.includes(`update ${UPDATE_ID} failed`)) || undefined, "the killed handler");
    const session = store.openSession(`tg:${GROUP}`, "round");
    expect(session).toBeDefined();
    await confirmed(h, UPDATE_ID);

    fake.pushUpdate(quiz);
    fake.pushUpdate(fake.message(group, alice, "/top"));
    await h.until(() => fake.messages(GROUP).find((m) => (m.text ?? m.caption ?? "").startsWith("Top —")), "the /top reply");
    // The round started once; the redelivery neither started another nor answered "already running".
    expect(store.openSession(`tg:${GROUP}`, "round")?.id).toBe(session?.id);
    expect(fake.messages(GROUP).filter((m) => /Round started|already/.test(m.text ?? ""))).toHaveLength(0);
  });

  it("answers a redelivered command that changes nothing once", async () => {
    const { h, fake, group, alice } = await startGroup();
    const report = { ...fake.message(group, alice, "/report typo"), update_id: UPDATE_ID };
    fake.pushUpdate(report);
    const fromBot = () => fake.messages(GROUP).filter((m) => m.from?.is_bot);
    await h.until(() => fromBot()[0], "the reply");
    await confirmed(h, UPDATE_ID);
    fake.pushUpdate(report);
    fake.pushUpdate(fake.message(group, alice, "/top"));
    await h.until(() => fake.messages(GROUP).find((m) => (m.text ?? m.caption ?? "").startsWith("Top —")), "the /top reply");
    expect(fromBot().filter((m) => !(m.caption ?? m.text ?? "").startsWith("Top —"))).toHaveLength(1);
  });
});
