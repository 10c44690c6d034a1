/**
 * The workloads of the memory benchmark, each run in a process of its own
 * (`node --expose-gc --import tsx bench/perf/memory-child.ts <workload> …`)
 * so that nothing else (seeding, other benchmarks) is in its memory. Prints
 * one JSON line on stdout; progress goes to stderr.
 *
 * - `serve <db> <end>`: the app on the seeded database answers /top (chat and
 *   global, week, month, all time) and /me for random members of random
 *   chats, and plays a one-question round every 20 commands; RSS is sampled
 *   throughout. The write-ahead log is never checkpointed, and the process
 *   ends with SIGKILL so that nothing folds it back into the file: the parent
 *   deletes it, which leaves the seeded file exactly as it was.
 * - `heap <answers> <checkpoint>`: rounds of 10 questions × 50 players in 20
 *   chats (a fixed population of 1,000 players) on a fresh database; the heap
 *   is measured after a forced full GC at `checkpoint` answers and at the end.
 */
import { writeSync } from "node:fs";
import { join } from "node:path";
import { createGameApp, type GameApp } from "../../src/app/game-app.ts";
import type { Bank } from "../../src/core/bank/types.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { RoundState } from "../../src/core/game/round.ts";
import type { Store } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { closeDatabase, createSqliteStore, loadBankFromDir, openDatabase } from "../../src/storage/index.ts";
import { ctxFor, settableClock, withTempDir, type SettableClock } from "./common.ts";
import { chatIdOf } from "./leaderboard-seed.ts";

const mb = (bytes: number) => bytes / 1e6;
const log = (line: string) => process.stderr.write(`${line}\n`);

function loadBank(): Bank {
  const loaded = loadBankFromDir(join(import.meta.dirname, "../../questions"));
  if (!loaded.ok) throw new Error("the bundled bank does not load");
  return loaded.bank;
}

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  for (let i = 0; i < 3; i++) gc();
}

interface Fixture {
  readonly store: Store;
  readonly app: GameApp;
  readonly clock: SettableClock;
}

/** Telegram-like update ids: nine digits and growing, as in `ingest.ts`. */
let updateId = 700_000_001;

/** Starts a round of `questions` in `chatId` and has `players` answer every question, closing each at its deadline. */
async function playRound(f: Fixture, bank: Bank, chatId: string, players: readonly string[], questions: number, onQuestion: (answers: number) => void): Promise<void> {
  f.clock.set(f.clock.now() + 1_000);
  const quiz = parseCommand(`/quiz ${questions}`);
  if (!quiz) throw new Error("can't parse /quiz");
  await f.app.command(ctxFor(players[0]!, chatId, "group"), quiz);
  for (let q = 0; q < questions; q++) {
    const session = f.store.openSession<RoundState>(chatId, "round");
    if (!session) throw new Error(`no open round in ${chatId}`);
    const { state } = session;
    const choices = bank.byId(state.questionIds[state.index] ?? "")?.options.length ?? 2;
    // The players' answers arrive together, as a platform hands over a batch of updates. The use
    // case may return its outcome or a promise of it (group commit): either way all are awaited.
    const at = state.openedAt + 1_000;
    f.clock.set(at);
    const outcomes = await Promise.all(players.map((userId, u) => f.app.rounds.answer(ctxFor(userId, chatId, "group"), {
      sessionId: session.id, index: state.index, option: (u + q) % choices, at, dedupKey: `tg:update:${updateId++}`,
    })));
    const refused = outcomes.find((o) => o.kind !== "accepted");
    if (refused) throw new Error(`an answer in ${chatId} was ${refused.kind}`);
    f.clock.set(state.closesAt);
    f.app.closeDue(state.closesAt);
    onQuestion(players.length);
  }
}

/** RSS while the app serves commands and rounds from the seeded database. */
async function serve(path: string, end: number, ops: number): Promise<unknown> {
  const bank = loadBank();
  const db = openDatabase(path);
  // Never fold the log back into the file: the parent throws the log away, and the seed stays intact.
  db.pragma("wal_autocheckpoint = 0");
  const clock = settableClock(end + 60_000);
  const store = createSqliteStore(db, { clock });
  const app = createGameApp({ store, bank, clock, rng: createSeededRng(3) });
  const f = { store, app, clock };
  const chats = db.prepare<[], number>("SELECT COUNT(*) FROM chats").pluck().get() ?? 0;
  const playerAt = db
    .prepare<[string, number], string>("SELECT user_id FROM scores WHERE scope = ? AND period = 'all' AND period_key = 'all' LIMIT 1 OFFSET ?")
    .pluck();
  const rng = createSeededRng(41);
  const member = (chatId: string): string | undefined => playerAt.get(chatId, Math.floor(rng.next() * 10)) ?? playerAt.get(chatId, 0);
  const commands = ["/top", "/top month", "/top all global", "/top week global", "/me"].map((text) => parseCommand(text)!);
  fullGc();
  const rssStart = process.memoryUsage.rss();
  let rssMax = rssStart;
  let answers = 0;
  const began = performance.now();
  for (let i = 0; i < ops; i++) {
    const chatId = chatIdOf(Math.floor(rng.next() * chats));
    const userId = member(chatId);
    if (userId === undefined) continue;
    clock.set(clock.now() + 500);
    await app.command(ctxFor(userId, chatId, "group"), commands[i % commands.length]!);
    if (i % 20 === 19) {
      const players = [...new Set(Array.from({ length: 10 }, () => member(chatId)).filter((u): u is string => u !== undefined))];
      if (players.length >= 2) await playRound(f, bank, chatId, players, 1, (n) => (answers += n));
    }
    if (i % 25 === 0) rssMax = Math.max(rssMax, process.memoryUsage.rss());
    if ((i + 1) % Math.max(1, Math.floor(ops / 5)) === 0) log(`memory: served ${i + 1}/${ops} commands and ${answers} round answers, RSS ${mb(rssMax).toFixed(0)} MB`);
  }
  const rssEnd = process.memoryUsage.rss();
  return {
    ops,
    answers,
    seconds: (performance.now() - began) / 1000,
    rssStartMb: mb(rssStart),
    rssMaxMb: mb(Math.max(rssMax, rssEnd)),
    rssEndMb: mb(rssEnd),
    heapUsedMb: mb(process.memoryUsage().heapUsed),
  };
}

/** Heap after `checkpoint` answers and after `total`, each after a full GC. */
async function heap(total: number, checkpoint: number): Promise<unknown> {
  const bank = loadBank();
  return withTempDir("memquiz-heap-", async (dir) => {
    const db = openDatabase(join(dir, "heap.db"));
    try {
      const clock = settableClock(Date.UTC(2026, 10, 23, 8));
      const store = createSqliteStore(db, { clock });
      const app = createGameApp({ store, bank, clock, rng: createSeededRng(5) });
      const f = { store, app, clock };
      const chats = Array.from({ length: 20 }, (_, c) => ({ id: `tg:-100${c}`, players: Array.from({ length: 50 }, (_, u) => `tg:${c}-${u}`) }));
      let answers = 0;
      let atCheckpoint: { heap: number; rss: number } | undefined;
      const began = performance.now();
      let nextLog = total / 10;
      while (answers < total) {
        for (const chat of chats) {
          if (answers >= total) break;
          await playRound(f, bank, chat.id, chat.players, 10, (n) => {
            answers += n;
            if (!atCheckpoint && answers >= checkpoint) {
              fullGc();
              atCheckpoint = { heap: process.memoryUsage().heapUsed, rss: process.memoryUsage.rss() };
              log(`memory: heap after ${answers} answers: ${mb(atCheckpoint.heap).toFixed(1)} MB`);
            }
            if (answers >= nextLog) {
              log(`memory: ${answers}/${total} answers through the app (${((performance.now() - began) / 1000).toFixed(0)} s)`);
              nextLog += total / 10;
            }
          });
        }
      }
      fullGc();
      const heapEnd = process.memoryUsage().heapUsed;
      if (!atCheckpoint) throw new Error("the checkpoint was never reached");
      return {
        answers,
        checkpoint,
        seconds: (performance.now() - began) / 1000,
        heapAtCheckpointMb: mb(atCheckpoint.heap),
        heapAtEndMb: mb(heapEnd),
        ratio: heapEnd / atCheckpoint.heap,
        rssAtCheckpointMb: mb(atCheckpoint.rss),
        rssEndMb: mb(process.memoryUsage.rss()),
      };
    } finally {
      closeDatabase(db);
    }
  });
}

const [workload, ...args] = process.argv.slice(2);
if (workload === "serve") {
  const result = await serve(args[0]!, Number(args[1]), Number(args[2]));
  writeSync(1, `${JSON.stringify(result)}\n`);
  // No close, no exit handlers: the uncheckpointed log stays beside the file for the parent to delete.
  process.kill(process.pid, "SIGKILL");
} else if (workload === "heap") {
  const result = await heap(Number(args[0]), Number(args[1]));
  writeSync(1, `${JSON.stringify(result)}\n`);
} else {
  throw new Error(`unknown workload ${workload}; use serve <db> <end> <ops> or heap <answers> <checkpoint>`);
}
