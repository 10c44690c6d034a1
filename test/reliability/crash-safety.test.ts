import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSeededRng } from "../../src/core/rng.ts";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram/index.ts";
import { eventually, killAllBots, spawnBot, type BotProcess } from "../helpers/bot-process.ts";
import { createAnswerStream } from "./answer-stream.ts";
import { describeUnsent, readDb } from "./db-view.ts";

const TRIALS = 20;
const GROUPS = [-100_101, -100_102, -100_103];

let fake: FakeTelegram | undefined;
let dir: string | undefined;
afterAll(async () => {
  await killAllBots();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Guarantee 1 (crash safety), on the real process: memquiz is killed with
 * SIGKILL at seeded-random moments while answers stream in, and restarted.
 * Guards against answers confirmed to Telegram before they were committed
 * (the runner confirms a batch as soon as it hands it to the handlers),
 * half-applied closes, and boards that drift from the award log.
 */
describe("crash safety (real process, SIGKILL)", () => {
  it(`loses and duplicates no acknowledged answer over ${TRIALS} kills, and keeps boards, rounds and the file sound`, async () => {
    fake = await startFakeTelegram();
    dir = mkdtempSync(join(tmpdir(), "memquiz-crash-"));
    const dbPath = join(dir, "memquiz.db");
    const env = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, MEMQUIZ_DB: dbPath, MEMQUIZ_QUESTIONS: "test/fixtures/bank/game", MEMQUIZ_ROUND_SECONDS: "8" };
    const rng = createSeededRng(20_261_125);
    const stream = createAnswerStream(fake, dbPath, rng, GROUPS);
    const processes: BotProcess[] = [];
    const allLines = () => processes.flatMap((p) => p.lines);
    const context = () => `last process:\n${processes.at(-1)?.lines.filter((l) => !l.includes(" debug ")).slice(-30).join("\n") ?? ""}`;

    // The stream starts once the first bot has created the database.
    let streaming = true;
    let pump: Promise<void> = Promise.resolve();
    const startStream = () =>
      (pump = (async () => {
        while (streaming) {
          stream.step();
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      })());

    /** Starts a bot and waits until it has recovered and polls again. */
    const start = async (): Promise<BotProcess> => {
      const before = fake!.callsOf("getUpdates").length;
      const bot = spawnBot(env);
      processes.push(bot);
      await bot.waitForLine(/telegram: signed in/, 30_000);
      await eventually(() => fake!.callsOf("getUpdates").length > before, "the restarted bot to poll", 20_000, context);
      return bot;
    };

    try {
      for (let trial = 1; trial <= TRIALS; trial++) {
        const began = Date.now();
        const bot = await start();
        if (trial === 1) void startStream();
        stream.noteOpenRounds();
        const after = stream.ledger(allLines());
        expect({ trial, lost: after.lostAnswers, duplicated: after.duplicated, ...after.health }).toEqual({ trial, lost: [], duplicated: 0, integrity: [], orphanAwards: 0, boardDiffs: 0 });
        expect(stream.rounds().resultsNotOnce, `trial ${trial}: a closed question's results were not queued exactly once`).toBe(0);
        // Every kill comes after this process has acknowledged answers of its own, so each trial
        // tests answers that were acknowledged and then lost their process; then a seeded-random moment.
        const ackedBefore = stream.acknowledgedCount();
        await eventually(() => stream.acknowledgedCount() > ackedBefore, `trial ${trial}: the restarted bot to acknowledge an answer`, 20_000, context);
        const killAfter = Math.floor(rng.next() * 1_000);
        await new Promise((resolve) => setTimeout(resolve, killAfter));
        bot.signal("SIGKILL");
        await bot.exited;
        console.log(`trial ${trial}: ${Date.now() - began} ms, killed ${killAfter} ms after its first acknowledgement; acknowledged ${after.acknowledged}, stored ${after.stored}, refused ${after.refused}, lost ${after.lost}, duplicated ${after.duplicated}`);
      }

      // The last restart: stop streaming, let everything be acknowledged, let the interrupted rounds close.
      const last = await start();
      streaming = false;
      await pump;
      await eventually(() => stream.allAcknowledged(), "every update to be acknowledged", 30_000, context);
      // Rounds go on; the questions that had to close must close, and every result queued by then must go out.
      await eventually(() => stream.rounds().waitingToClose === 0, "the rounds open at a restart to close", 30_000, () => `${JSON.stringify(stream.rounds())}\n${context()}`);
      const queued = stream.rounds().resultsUnsent;
      await eventually(() => !stream.rounds().resultsUnsent.some((key) => queued.includes(key)), "the queued results to be sent", 30_000, () => `${readDb(dbPath, describeUnsent)}\n${context()}`);
      const final = stream.ledger(allLines());
      const rounds = stream.rounds();
      const timesUp = fake.calls.filter((c) => c.status === 200 && String(c.params.text ?? c.params.caption ?? "").includes("Time's up!")).length;
      console.log(
        `crash safety: ${TRIALS} SIGKILLs; answers sent ${final.sent}, acknowledged ${final.acknowledged}, stored once ${final.stored}, ` +
          `refused (question closed / alert) ${final.refused}, lost ${final.lost}, duplicated ${final.duplicated}; ` +
          `results messages seen by the fake ${timesUp}`,
      );
      expect(final).toMatchObject({ lost: 0, duplicated: 0, health: { integrity: [], orphanAwards: 0, boardDiffs: 0 } });
      expect(final.acknowledged).toBe(final.sent);
      expect(final.stored).toBeGreaterThan(final.sent / 2);
      expect(rounds).toMatchObject({ waitingToClose: 0, resultsNotOnce: 0 });

      last.signal("SIGTERM");
      expect(await last.exited).toEqual({ code: 0, signal: null });
    } finally {
      streaming = false;
      await pump;
    }
  }, 150_000);
});
