/**
 * Next-question latency through the app and storage: a generated bank of
 * 10,000 questions (bench/bank-load.ts's generator) and a user who has given
 * 1,000 practice answers through the app (so their answers, abilities,
 * review cards and question stats are in a real SQLite file in a temp folder).
 *
 * Timed, each call alone:
 * - `next`: the "Next" button, `app.practice.next(ctx, sessionId)`, right
 *   after an (untimed) answer, so it picks a fresh question: participants
 *   upsert, an IMMEDIATE transaction, the user's seen list, review cards and
 *   abilities, `selectNext` over the bank, the session update. The headline figure.
 *   Each timed call adds one answer, so the user ends with 1,000 + calls answers.
 * - `start`: `/practice`, `app.practice.start(ctx)` (the answer count stays at 1,000).
 * - `pick`: what `next` asks the adaptive service, without the transaction:
 *   `store.seenByUser` + `adaptive.pickPractice` on the same store and bank.
 */
import { join } from "node:path";
import { createAdaptiveService } from "../../src/app/adaptive-service.ts";
import { createGameApp } from "../../src/app/game-app.ts";
import type { Reply } from "../../src/app/replies.ts";
import { parseBank } from "../../src/core/bank/index.ts";
import type { Bank } from "../../src/core/bank/types.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { closeDatabase, createSqliteStore, openDatabase } from "../../src/storage/index.ts";
import { generateBank } from "../bank-load.ts";
import { ctxFor, settableClock, summarise, withTempDir, type Progress } from "./common.ts";

const START = Date.UTC(2026, 10, 1, 12, 0, 0);

export interface NextQuestionOptions {
  /** 1/100 scale: 100 questions, 10 answers, 50 timed calls of each kind. */
  readonly quick?: boolean;
  readonly questions?: number;
  readonly answers?: number;
  /** Timed calls of each kind (500; quick 50). */
  readonly calls?: number;
  readonly progress?: Progress;
}

export interface LatencyFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface NextQuestionResult {
  readonly questions: number;
  readonly answers: number;
  readonly calls: number;
  /** `app.practice.next` after an answer: the headline figure. */
  readonly next: LatencyFigures;
  /** `app.practice.start` (`/practice`). */
  readonly start: LatencyFigures;
  /** `seenByUser` + `pickPractice` only. */
  readonly pick: LatencyFigures;
  /** Review cards the user has (each is parsed on every pick). */
  readonly reviewCards: number;
  /** Seconds it took to build the user's history through the app (not a target). */
  readonly setupSeconds: number;
}

function generatedBank(count: number): Bank {
  const parsed = parseBank(generateBank(count));
  if (!parsed.ok) throw new Error("the generated bank is invalid");
  return parsed.bank;
}

function practiceQuestion(replies: readonly Reply[]): { sessionId: number; number: number; options: number; answer: number } {
  const reply = replies[0];
  if (reply?.type !== "practice-question") throw new Error(`expected a practice question, got ${reply?.type}`);
  return { sessionId: reply.sessionId, number: reply.number, options: reply.question.options.length, answer: reply.question.answer };
}

/** Builds the user's history through the app, then times next, start and the pick alone. */
export async function measureNextQuestion(options: NextQuestionOptions = {}): Promise<NextQuestionResult> {
  const quick = options.quick ?? false;
  const questions = options.questions ?? (quick ? 100 : 10_000);
  const answers = options.answers ?? (quick ? 10 : 1_000);
  const calls = options.calls ?? (quick ? 50 : 500);
  const progress = options.progress ?? (() => {});
  const bank = generatedBank(questions);
  return withTempDir("memquiz-next-", async (dir) => {
    // Configured as the app opens it (src/boot.ts): checkpoints on a worker thread, not in a commit.
    const db = openDatabase(join(dir, "next.db"), { backgroundCheckpoint: true });
    try {
      const clock = settableClock(START);
      const store = createSqliteStore(db, { clock });
      const deps = { store, bank, clock, rng: createSeededRng(3) };
      const app = createGameApp(deps);
      const ctx = ctxFor("tg:42", "tg:42", "private");
      const rng = createSeededRng(5);

      // The history: `answers` practice answers, about 70% right, a minute apart.
      const setupStart = performance.now();
      let shown = practiceQuestion(app.practice.start(ctx, undefined));
      const answerShown = () => {
        const right = rng.next() < 0.7;
        const option = right ? shown.answer : (shown.answer + 1) % shown.options;
        const feedback = app.practice.answer(ctx, { sessionId: shown.sessionId, number: shown.number, option });
        if (feedback[0]?.type !== "practice-feedback") throw new Error(`answer not taken: ${feedback[0]?.type}`);
      };
      for (let i = 0; i < answers; i++) {
        clock.set(START + i * 60_000);
        answerShown();
        shown = practiceQuestion(app.practice.next(ctx, shown.sessionId));
        if ((i + 1) % Math.max(1, Math.floor(answers / 4)) === 0) progress(`bench: next-question history ${i + 1}/${answers} answers`);
      }
      const setupSeconds = (performance.now() - setupStart) / 1000;
      // A day later: some review cards are due, abilities have widened.
      const now = START + answers * 60_000 + 86_400_000;
      clock.set(now);

      const startTimes = new Float64Array(calls);
      for (let i = 0; i < calls; i++) {
        const t0 = performance.now();
        const replies = app.practice.start(ctx, undefined);
        startTimes[i] = performance.now() - t0;
        shown = practiceQuestion(replies);
      }

      const adaptive = createAdaptiveService(deps);
      const pickTimes = new Float64Array(calls);
      for (let i = 0; i < calls; i++) {
        const t0 = performance.now();
        const seen = store.seenByUser(ctx.user.id, ctx.chat.id);
        const picked = adaptive.pickPractice(ctx.user.id, bank.questions, seen, new Set());
        pickTimes[i] = performance.now() - t0;
        if (!picked) throw new Error("nothing picked");
      }

      progress(`bench: next-question: timing ${calls} Next presses`);
      const nextTimes = new Float64Array(calls);
      for (let i = 0; i < calls; i++) {
        clock.set(now + (i + 1) * 10_000);
        answerShown();
        const t0 = performance.now();
        const replies = app.practice.next(ctx, shown.sessionId);
        nextTimes[i] = performance.now() - t0;
        shown = practiceQuestion(replies);
      }
      const reviewCards = store.reviewCards(ctx.user.id).length;
      const fig = (times: Float64Array): LatencyFigures => {
        const s = summarise(times);
        return { p50Ms: s.p50, p99Ms: s.p99, maxMs: s.max };
      };
      return { questions: bank.questions.length, answers, calls, next: fig(nextTimes), start: fig(startTimes), pick: fig(pickTimes), reviewCards, setupSeconds };
    } finally {
      closeDatabase(db);
    }
  });
}

/** `tsx bench/perf/next-question.ts [--quick]`: prints the figures. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureNextQuestion({ quick: process.argv.includes("--quick"), progress: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
