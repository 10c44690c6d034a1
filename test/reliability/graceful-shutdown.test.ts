import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram/index.ts";
import { eventually, killAllBots, spawnBot } from "../helpers/bot-process.ts";
import { answerCounts, openRounds, pollIds, readDb, roundResults } from "./db-view.ts";

let fake: FakeTelegram | undefined;
let dir: string | undefined;
afterEach(async () => {
  await killAllBots();
  await fake?.close();
  fake = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Guarantee 3 (graceful shutdown), on the real process: a signal in the
 * middle of a round stops polling, lets the answer in flight commit, leaves
 * the outbox for the next start, checkpoints and closes the database (no WAL
 * left) and exits 0 within 5 s; after a restart the round goes on.
 */
describe.each(["SIGTERM", "SIGINT"] as const)("graceful shutdown on %s (real process)", (signal) => {
  it("stops mid-round, exits 0 within 5 s with the WAL folded in, and the round continues after a restart", async () => {
    fake = await startFakeTelegram();
    dir = mkdtempSync(join(tmpdir(), "memquiz-stop-"));
    const dbPath = join(dir, "memquiz.db");
    const env = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, MEMQUIZ_DB: dbPath, MEMQUIZ_QUESTIONS: "test/fixtures/bank/game", MEMQUIZ_ROUND_SECONDS: "6" };
    const group = fake.groupChat(-100_300, "Stoppers");
    const [alice, bob] = [fake.user(1, "Alice"), fake.user(2, "Bob")];

    const first = spawnBot(env);
    await first.waitForLine(/telegram: signed in/);
    fake.pushUpdate(fake.message(group, alice, "/quiz 2"));
    const poll = await eventually(() => readDb(dbPath, (db) => pollIds(db).get(`${openRounds(db)[0]?.sessionId}:0`)), "the first question's poll");
    const answer = fake.pushUpdate(fake.pollAnswer(poll, bob, [0]));
    await first.waitForLine(new RegExp(`poll answer in update ${answer}: `));

    const pollsBefore = fake.callsOf("getUpdates").length;
    const signalledAt = Date.now();
    first.signal(signal);
    const exit = await first.exited;
    const stopMs = Date.now() - signalledAt;
    console.log(`graceful shutdown on ${signal}: exit ${exit.code} after ${stopMs} ms`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(5_000);
    expect(first.lines.some((l) => l.includes(" info stopped"))).toBe(true);
    // At most the long poll that was open when the signal came; no new ones.
    expect(fake.callsOf("getUpdates").length - pollsBefore).toBeLessThanOrEqual(1);
    const wal = `${dbPath}-wal`;
    expect(!existsSync(wal) || statSync(wal).size === 0, "the WAL is gone or empty").toBe(true);
    const round = readDb(dbPath, (db) => ({ open: openRounds(db), answers: answerCounts(db) }));
    expect(round.open).toHaveLength(1);
    expect(round.answers.get(`${round.open[0]!.sessionId}:0:tg:2`)).toBe(1);

    // After a restart the open question still closes and scores, and the next one is posted.
    const second = spawnBot(env);
    await second.waitForLine(/telegram: signed in/);
    const sessionId = round.open[0]!.sessionId;
    await eventually(() => readDb(dbPath, (db) => roundResults(db).some((r) => r.key === `${sessionId}:0` && r.sent)), "the first question's results after the restart", 20_000);
    await eventually(() => readDb(dbPath, (db) => pollIds(db).has(`${sessionId}:1`)), "the second question's poll", 20_000);
    second.signal("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
