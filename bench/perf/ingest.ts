/**
 * Answer ingest through the use case the adapters call (`app.rounds.answer`,
 * with the session, index, `at` and dedup key the Telegram poll handler
 * passes), on a real SQLite file (WAL, synchronous=NORMAL) in a temp folder.
 *
 * - steady: rounds of Q questions in C group chats, M distinct players per
 *   question; every answer is timed alone, and every question close
 *   (`app.closeDue`: scoring, awards, question stats, outbox rows, opening
 *   the next question; the last close of a round also puts the round's points
 *   on the leaderboards and runs the adaptive update for its answers)
 *   is timed and added to the total. Rate = answers / (Σ answer calls + Σ closes).
 *   Starting the rounds (`/quiz`) and the benchmark's own bookkeeping are not counted.
 * - baseline: raw better-sqlite3 inserting the same rows into the same
 *   `answers` table (same SQL as the store), one IMMEDIATE transaction per row,
 *   on a fresh identical database (migrated and configured by `openDatabase`).
 * - burst: 5,000 distinct users answer one open round question back to back
 *   (the handler is synchronous, so that is as fast as they can be taken);
 *   each call is timed; then the question's close is timed separately.
 */
import { join } from "node:path";
import type Database from "better-sqlite3";
import { createGameApp, type GameApp } from "../../src/app/game-app.ts";
import type { Bank } from "../../src/core/bank/types.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { RoundState } from "../../src/core/game/round.ts";
import type { Store } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { backgroundCheckpointerOf, closeDatabase, createSqliteStore, loadBankFromDir, openDatabase } from "../../src/storage/index.ts";
import { ctxFor, median, settableClock, summarise, withTempDir, type Progress, type SettableClock } from "./common.ts";

const START = Date.UTC(2026, 10, 25, 12, 0, 0);

export interface IngestOptions {
  /** 1/100 scale: 200 steady answers, a burst of 50, one run. */
  readonly quick?: boolean;
  /** Steady answers per run (20,000; quick 200). */
  readonly answers?: number;
  /** Distinct players answering each question (50; quick 20). */
  readonly playersPerQuestion?: number;
  /** Questions per round (10). */
  readonly questionsPerRound?: number;
  /** Answers in the burst (5,000; quick 50). */
  readonly burst?: number;
  /** Also time the close of the burst question (by default in quick mode only; at 5,000 answers it takes about half a second). */
  readonly closeBurst?: boolean;
  /** Runs of steady + baseline + burst; figures are medians over runs (3; quick 1). */
  readonly runs?: number;
  readonly progress?: Progress;
}

/** One steady-ingest run. */
export interface SteadyResult {
  readonly answers: number;
  readonly chats: number;
  readonly closes: number;
  /** Answers per second, closes included. */
  readonly answersPerSecond: number;
  /** Answers per second counting only the answer calls. */
  readonly answerCallsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly closeMedianMs: number;
  readonly closeP99Ms: number;
  /** Share of the counted time spent closing questions. */
  readonly closeShare: number;
}

export interface BaselineResult {
  readonly rows: number;
  readonly rowsPerSecond: number;
  readonly p99Ms: number;
}

export interface BurstResult {
  readonly answers: number;
  readonly accepted: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** From the first call to the last acknowledgement. */
  readonly drainMs: number;
  /** The close of the burst question (scoring 5,000 answers), or NaN when not timed. */
  readonly closeMs: number;
}

/** Medians over runs of each figure. */
export interface IngestResult {
  readonly runs: number;
  readonly steady: SteadyResult;
  readonly baseline: BaselineResult;
  /** steady.answersPerSecond / baseline.rowsPerSecond, median over runs of the per-run ratio. */
  readonly ratio: number;
  /** Answers that arrive one at a time, each committed alone: the latency of a single answer. */
  readonly single: { readonly answers: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
  readonly burst: BurstResult;
}

let bundledBank: Bank | undefined;

/**
 * The bundled bank, loaded once per process as the bot loads it once at
 * start. Loading it again for every run would put a freshly parsed bank in
 * V8's young generation right before the timed answers, and its first
 * collections would copy all of it: a cost of the bot's start, not of answers.
 */
function loadBank(): Bank {
  if (bundledBank) return bundledBank;
  const loaded = loadBankFromDir("questions");
  if (!loaded.ok) throw new Error("the bundled bank does not load");
  bundledBank = loaded.bank;
  return bundledBank;
}

interface Fixture {
  readonly db: Database.Database;
  readonly store: Store;
  readonly app: GameApp;
  readonly clock: SettableClock;
}

/**
 * Opens a database and an app on it as `src/boot.ts` does, checkpoints on a
 * worker thread included, and resolves once that worker answers: the bot
 * starts its worker long before the first answer, so no timed answer should
 * share the machine's two cores with a worker thread that is still starting.
 */
async function openFixture(path: string, bank: Bank, seed: number): Promise<Fixture> {
  const db = openDatabase(path, { backgroundCheckpoint: true });
  const clock = settableClock(START);
  const store = createSqliteStore(db, { clock });
  const app = createGameApp({ store, bank, clock, rng: createSeededRng(seed) });
  try {
    const checkpointer = backgroundCheckpointerOf(db);
    if (!checkpointer) throw new Error("the benchmark database has no checkpoint worker");
    await checkpointer.checkpointNow();
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
  return { db, store, app, clock };
}

async function startRound(f: Fixture, chatId: string, questions: number): Promise<void> {
  const quiz = parseCommand(`/quiz ${questions}`);
  if (!quiz) throw new Error("can't parse /quiz");
  await f.app.command(ctxFor(`tg:starter-${chatId}`, chatId, "group"), quiz);
  if (!f.store.openSession(chatId, "round")) throw new Error(`no round started in ${chatId}`);
}

/**
 * Telegram's update ids: nine-digit integers that only grow, so their keys
 * in `processed_updates` arrive in order. Counting from 1 would put keys of
 * different lengths side by side ("tg:update:12" sorts before "tg:update:2")
 * and scatter the inserts over the index, which the bot never sees.
 */
let updateId = 700_000_001;

/** Steady ingest: answers to open round questions, closes amortised. */
export async function measureSteadyIngest(dir: string, options: { answers: number; players: number; questions: number; seed: number; progress: Progress }): Promise<SteadyResult> {
  const { players, questions } = options;
  const chats = Math.max(1, Math.ceil(options.answers / (players * questions)));
  const bank = loadBank();
  const f = await openFixture(join(dir, "ingest.db"), bank, options.seed);
  const latencies = new Float64Array(chats * players * questions);
  const closeTimes: number[] = [];
  let n = 0;
  let answerMs = 0;
  try {
    for (let c = 0; c < chats; c++) {
      const chatId = `tg:-100${c}`;
      await startRound(f, chatId, questions);
      const users = Array.from({ length: players }, (_, u) => ctxFor(`tg:${c}-${u}`, chatId, "group"));
      for (let q = 0; q < questions; q++) {
        const session = f.store.openSession<RoundState>(chatId, "round");
        if (!session) throw new Error(`round in ${chatId} ended early`);
        const { state } = session;
        const choices = bank.byId(state.questionIds[state.index] ?? "")?.options.length ?? 2;
        // The question's answers arrive together, as one getUpdates page brings them, and are
        // committed as one group; each is timed from its arrival to its acknowledgement.
        const arrival = performance.now();
        const pending: Promise<void>[] = [];
        for (let u = 0; u < players; u++) {
          const at = state.openedAt + 1 + Math.floor((u * (state.openMs - 2)) / players);
          f.clock.set(at);
          const input = { sessionId: session.id, index: state.index, option: (u + q) % choices, at, dedupKey: `tg:update:${updateId++}` };
          const slot = n++;
          pending.push(
            f.app.answers.submit(users[u]!, input).then((outcome) => {
              latencies[slot] = performance.now() - arrival;
              if (outcome.kind !== "accepted") throw new Error(`answer ${slot} was ${outcome.kind}`);
            }),
          );
        }
        await Promise.all(pending);
        answerMs += performance.now() - arrival;
        f.clock.set(state.closesAt);
        const t0 = performance.now();
        // What the ticker runs when a deadline passes: round closes, daily reveals and posts due.
        f.app.closeDue(state.closesAt);
        closeTimes.push(performance.now() - t0);
        const after = f.store.getSession<RoundState>(session.id);
        if (after?.state.index === state.index && after.status === "open") throw new Error(`question ${q} in ${chatId} did not close`);
      }
      if ((c + 1) % Math.max(1, Math.floor(chats / 4)) === 0) options.progress(`bench: ingest ${n}/${latencies.length} answers`);
    }
  } finally {
    closeDatabase(f.db);
  }
  const closeMs = closeTimes.reduce((a, b) => a + b, 0);
  const lat = summarise(latencies.subarray(0, n));
  const close = summarise(closeTimes);
  return {
    answers: n,
    chats,
    closes: closeTimes.length,
    answersPerSecond: n / ((answerMs + closeMs) / 1000),
    answerCallsPerSecond: n / (answerMs / 1000),
    p50Ms: lat.p50,
    p99Ms: lat.p99,
    maxMs: lat.max,
    closeMedianMs: close.p50,
    closeP99Ms: close.p99,
    closeShare: closeMs / (answerMs + closeMs),
  };
}

/** Answers that each arrive alone (no other answer in their commit): the latency of a single answer. */
export async function measureSingleAnswers(dir: string, options: { answers: number; seed: number }): Promise<{ p50Ms: number; p99Ms: number; maxMs: number }> {
  const bank = loadBank();
  const f = await openFixture(join(dir, "single.db"), bank, options.seed);
  const latencies = new Float64Array(options.answers);
  try {
    let n = 0;
    for (let c = 0; n < options.answers; c++) {
      const chatId = `tg:-200${c}`;
      await startRound(f, chatId, 10);
      for (let q = 0; q < 10 && n < options.answers; q++) {
        const session = f.store.openSession<RoundState>(chatId, "round");
        if (!session) throw new Error(`round in ${chatId} ended early`);
        const { state } = session;
        for (let u = 0; u < 50 && n < options.answers; u++) {
          const at = state.openedAt + 1 + u * 100;
          f.clock.set(at);
          const t0 = performance.now();
          const outcome = await f.app.answers.submit(ctxFor(`tg:s${c}-${u}`, chatId, "group"), { sessionId: session.id, index: state.index, option: u % 2, at, dedupKey: `tg:update:${updateId++}` });
          latencies[n++] = performance.now() - t0;
          if (outcome.kind !== "accepted") throw new Error(`single answer was ${outcome.kind}`);
        }
        f.clock.set(state.closesAt);
        f.app.closeDue(state.closesAt);
      }
    }
  } finally {
    closeDatabase(f.db);
  }
  const lat = summarise(latencies);
  return { p50Ms: lat.p50, p99Ms: lat.p99, maxMs: lat.max };
}

/** The same answer rows inserted with raw better-sqlite3, one IMMEDIATE transaction each. */
export function measureBaseline(dir: string, options: { rows: number; players: number; questions: number }): BaselineResult {
  // The same configuration as the app's database, background checkpoints included.
  const db = openDatabase(join(dir, "baseline.db"), { backgroundCheckpoint: true });
  try {
    const { players, questions } = options;
    const chats = Math.max(1, Math.ceil(options.rows / (players * questions)));
    // The rows the answers refer to exist already, as in the app.
    const users = db.prepare("INSERT INTO users (id, name, lang, created_at) VALUES (?, ?, NULL, ?)");
    const chat = db.prepare("INSERT INTO chats (id, kind, lang, timezone, settings, created_at) VALUES (?, 'group', NULL, 'UTC', '{}', ?)");
    const session = db.prepare(
      "INSERT INTO sessions (chat_id, kind, status, started_by, created_at, updated_at, closes_at, state) VALUES (?, 'round', 'open', ?, ?, ?, ?, '{}') RETURNING id",
    ).pluck();
    const sessionIds: number[] = [];
    db.transaction(() => {
      for (let c = 0; c < chats; c++) {
        chat.run(`tg:-100${c}`, START);
        for (let u = 0; u < players; u++) users.run(`tg:${c}-${u}`, `name-tg:${c}-${u}`, START);
        sessionIds.push(session.get(`tg:-100${c}`, `tg:${c}-0`, START, START, START + 30_000) as number);
      }
    })();
    // The store's statement, word for word.
    const insert = db.prepare(
      `INSERT INTO answers (user_id, chat_id, question_id, topic, session_id, question_index, option, correct, answered_at, response_ms)
       VALUES (@userId, @chatId, @questionId, @topic, @sessionId, @questionIndex, @option, @correct, @answeredAt, @responseMs)
       ON CONFLICT (session_id, question_index, user_id) DO NOTHING`,
    );
    const insertTx = db.transaction((row: Record<string, unknown>) => insert.run(row));
    const latencies = new Float64Array(chats * players * questions);
    let n = 0;
    let total = 0;
    for (let c = 0; c < chats; c++) {
      for (let q = 0; q < questions; q++) {
        for (let u = 0; u < players; u++) {
          const row = {
            userId: `tg:${c}-${u}`,
            chatId: `tg:-100${c}`,
            questionId: `refcounting/q-${q}`,
            topic: "refcounting",
            sessionId: sessionIds[c],
            questionIndex: q,
            option: (u + q) % 4,
            correct: u % 2,
            answeredAt: START + u,
            responseMs: u,
          };
          const t0 = performance.now();
          insertTx.immediate(row);
          const dt = performance.now() - t0;
          latencies[n++] = dt;
          total += dt;
        }
      }
    }
    return { rows: n, rowsPerSecond: n / (total / 1000), p99Ms: summarise(latencies).p99 };
  } finally {
    closeDatabase(db);
  }
}

/** Updates per getUpdates page, Telegram's maximum. */
const BURST_PAGE = 100;

/** A burst of `answers` distinct users answering one open round question, back to back. */
export async function measureBurst(dir: string, options: { answers: number; seed: number; close: boolean }): Promise<BurstResult> {
  const bank = loadBank();
  const f = await openFixture(join(dir, "burst.db"), bank, options.seed);
  try {
    const chatId = "tg:-100999";
    await startRound(f, chatId, 1);
    const session = f.store.openSession<RoundState>(chatId, "round");
    if (!session) throw new Error("no burst round");
    const { state } = session;
    const choices = bank.byId(state.questionIds[state.index] ?? "")?.options.length ?? 2;
    const at = state.openedAt + 1_000;
    f.clock.set(at);
    const latencies = new Float64Array(options.answers);
    let accepted = 0;
    const start = performance.now();
    // They arrive as fast as Telegram hands them over: pages of 100 updates, the next page
    // as soon as the previous one is acknowledged. Each answer is timed from its page's arrival.
    for (let first = 0; first < options.answers; first += BURST_PAGE) {
      const arrival = performance.now();
      const page: Promise<void>[] = [];
      for (let u = first; u < Math.min(options.answers, first + BURST_PAGE); u++) {
        // Each update's request is built when its page arrives, as the adapter builds it.
        const ctx = ctxFor(`tg:burst-${u}`, chatId, "group");
        const input = { sessionId: session.id, index: state.index, option: u % choices, at, dedupKey: `tg:update:${updateId++}` };
        page.push(
          f.app.answers.submit(ctx, input).then((outcome) => {
            latencies[u] = performance.now() - arrival;
            if (outcome.kind === "accepted") accepted++;
          }),
        );
      }
      await Promise.all(page);
    }
    const drainMs = performance.now() - start;
    let closeMs = Number.NaN;
    if (options.close) {
      f.clock.set(state.closesAt);
      const t0 = performance.now();
      f.app.closeDue(state.closesAt);
      closeMs = performance.now() - t0;
    }
    const lat = summarise(latencies);
    return { answers: options.answers, accepted, p50Ms: lat.p50, p99Ms: lat.p99, maxMs: lat.max, drainMs, closeMs };
  } finally {
    closeDatabase(f.db);
  }
}

function medianOf<T>(items: readonly T[], pick: (item: T) => number): number {
  return median(items.map(pick));
}

/** Steady ingest, its raw-SQLite baseline and the burst, each run on fresh temp databases; medians over runs. */
export async function measureIngest(options: IngestOptions = {}): Promise<IngestResult> {
  const quick = options.quick ?? false;
  const answers = options.answers ?? (quick ? 200 : 20_000);
  const players = options.playersPerQuestion ?? (quick ? 20 : 50);
  const questions = options.questionsPerRound ?? 10;
  const burstSize = options.burst ?? (quick ? 50 : 5_000);
  const runs = options.runs ?? (quick ? 1 : 3);
  const progress = options.progress ?? (() => {});
  const steady: SteadyResult[] = [];
  const baseline: BaselineResult[] = [];
  const bursts: BurstResult[] = [];
  const singles: { p50Ms: number; p99Ms: number; maxMs: number }[] = [];
  const singleAnswers = quick ? 50 : 2_000;
  for (let run = 0; run < runs; run++) {
    await withTempDir("memquiz-ingest-", async (dir) => {
      progress(`bench: ingest run ${run + 1}/${runs}: ${answers} answers through app.rounds.answer`);
      steady.push(await measureSteadyIngest(dir, { answers, players, questions, seed: 7 + run, progress }));
      progress(`bench: ingest run ${run + 1}/${runs}: raw better-sqlite3 baseline`);
      baseline.push(measureBaseline(dir, { rows: answers, players, questions }));
      progress(`bench: ingest run ${run + 1}/${runs}: ${singleAnswers} answers one at a time`);
      singles.push(await measureSingleAnswers(dir, { answers: singleAnswers, seed: 13 + run }));
      progress(`bench: ingest run ${run + 1}/${runs}: burst of ${burstSize} answers to one question`);
      bursts.push(await measureBurst(dir, { answers: burstSize, seed: 11 + run, close: options.closeBurst ?? quick }));
    });
  }
  const s0 = steady[0]!;
  return {
    runs,
    steady: {
      answers: s0.answers,
      chats: s0.chats,
      closes: s0.closes,
      answersPerSecond: medianOf(steady, (s) => s.answersPerSecond),
      answerCallsPerSecond: medianOf(steady, (s) => s.answerCallsPerSecond),
      p50Ms: medianOf(steady, (s) => s.p50Ms),
      p99Ms: medianOf(steady, (s) => s.p99Ms),
      maxMs: medianOf(steady, (s) => s.maxMs),
      closeMedianMs: medianOf(steady, (s) => s.closeMedianMs),
      closeP99Ms: medianOf(steady, (s) => s.closeP99Ms),
      closeShare: medianOf(steady, (s) => s.closeShare),
    },
    baseline: {
      rows: baseline[0]!.rows,
      rowsPerSecond: medianOf(baseline, (b) => b.rowsPerSecond),
      p99Ms: medianOf(baseline, (b) => b.p99Ms),
    },
    ratio: median(steady.map((s, i) => s.answersPerSecond / baseline[i]!.rowsPerSecond)),
    single: {
      answers: singleAnswers,
      p50Ms: medianOf(singles, (s) => s.p50Ms),
      p99Ms: medianOf(singles, (s) => s.p99Ms),
      maxMs: medianOf(singles, (s) => s.maxMs),
    },
    burst: {
      answers: burstSize,
      // The worst run: every answer of every burst must be acknowledged.
      accepted: Math.min(...bursts.map((b) => b.accepted)),
      p50Ms: medianOf(bursts, (b) => b.p50Ms),
      p99Ms: medianOf(bursts, (b) => b.p99Ms),
      maxMs: medianOf(bursts, (b) => b.maxMs),
      drainMs: medianOf(bursts, (b) => b.drainMs),
      closeMs: medianOf(bursts, (b) => b.closeMs),
    },
  };
}

/** `tsx bench/perf/ingest.ts [--quick]`: prints the figures. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureIngest({ quick: process.argv.includes("--quick"), progress: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
