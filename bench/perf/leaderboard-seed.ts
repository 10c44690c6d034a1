/**
 * Seeds a big leaderboard database for the leaderboard and memory benchmarks:
 * users, group chats in several time zones, finished 5-question rounds, the
 * answer log, the awards the app would give (`roundPoints`, points only when
 * at least two players answered) and the leaderboard rows built from them on
 * the chat's and the global week, month and all-time boards (`periodKey`).
 * Generated in JavaScript with the app's seeded RNG and written with raw
 * better-sqlite3 in big transactions; `leaderboard-verify.ts` checks a sample
 * against the app's own scoring and recomputation.
 *
 * The file is opened with `openDatabase` (real migrations), loaded with the
 * journal off and the user-ordered indexes and the `scores` triggers dropped,
 * which are then recreated from their own saved SQL (`score_counts` is
 * counted once from `scores`), and left in WAL mode, as the app opens it.
 */
import { statSync } from "node:fs";
import type Database from "better-sqlite3";
import type { Bank, Question } from "../../src/core/bank/types.ts";
import type { RoundState } from "../../src/core/game/round.ts";
import { roundPoints } from "../../src/core/game/scoring.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { periodKey } from "../../src/core/time/periods.ts";
import { closeDatabase, openDatabase } from "../../src/storage/index.ts";
import type { Progress } from "./common.ts";

/** What to seed; the cache key is made from these. */
export interface SeedParams {
  readonly users: number;
  readonly chats: number;
  readonly answers: number;
  readonly seed: number;
  /** The instant the seeded history ends at, and the benchmark's "now". */
  readonly end: number;
  /** How far back the history goes. */
  readonly spanDays: number;
}

/** The scale; `quick` is 1/100 of it. */
export function seedParams(quick: boolean): SeedParams {
  const scale = quick ? 100 : 1;
  return { users: 1_000_000 / scale, chats: 10_000 / scale, answers: 20_000_000 / scale, seed: 9, end: Date.UTC(2026, 10, 25, 12), spanDays: 56 };
}

/** Counts of what was written. */
export interface SeedStats {
  readonly sessions: number;
  readonly answers: number;
  readonly awards: number;
  readonly scoreRows: number;
  readonly bytes: number;
  readonly seconds: number;
}

export const TIME_ZONES = ["UTC", "Europe/Berlin", "Europe/Moscow", "America/New_York", "Asia/Kolkata", "Asia/Tokyo"] as const;
export const QUESTIONS_PER_ROUND = 5;
export const OPEN_MS = 30_000;
const RIGHT_SHARE = 0.6;
/** Every zone above is offset from UTC by whole quarter hours, so a local date never changes inside one. */
const BUCKET_MS = 15 * 60_000;
const MAX_PLAYERS = 15;

/** Fixed-width ids, so text order (the indexes' order) is numeric order. */
export const userIdOf = (u: number): string => `tg:${1_000_000_000 + u}`;
export const chatIdOf = (c: number): string => `tg:-100${1_000_000_000 + c}`;
export const nameOf = (u: number): string => `Player ${u}`;

/** Week and month keys per 15-minute bucket of the history, per time zone, from the app's `periodKey`. */
class PeriodTable {
  readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly week: Uint16Array[] = [];
  private readonly month: Uint16Array[] = [];
  constructor(private readonly start: number, end: number, zones: readonly string[]) {
    const buckets = Math.ceil((end - start) / BUCKET_MS) + 1;
    for (const zone of zones) {
      const week = new Uint16Array(buckets);
      const month = new Uint16Array(buckets);
      for (let b = 0; b < buckets; b++) {
        week[b] = this.intern(periodKey("week", start + b * BUCKET_MS, zone));
        month[b] = this.intern(periodKey("month", start + b * BUCKET_MS, zone));
      }
      this.week.push(week);
      this.month.push(month);
    }
  }
  private intern(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) this.keys.push(key), this.index.set(key, (i = this.keys.length - 1));
    return i;
  }
  weekOf(zone: number, at: number): number {
    return this.week[zone]![Math.floor((at - this.start) / BUCKET_MS)]!;
  }
  monthOf(zone: number, at: number): number {
    return this.month[zone]![Math.floor((at - this.start) / BUCKET_MS)]!;
  }
}

/** Chat c's share of the activity and of the members: a long tail, the first chats the busiest. */
function chatWeights(chats: number): Float64Array {
  const w = Float64Array.from({ length: chats }, (_, c) => 1 / (c + 50));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

/** Each chat's members: every user has a home chat (by weight), one in six also plays in a second one. */
function memberships(params: SeedParams, weights: Float64Array, rng: () => number): Int32Array[] {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, c) => (cumulative[c] = sum += w));
  const pick = (): number => {
    const x = rng() * sum;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lists: number[][] = Array.from({ length: params.chats }, () => []);
  for (let u = 0; u < params.users; u++) {
    const home = pick();
    lists[home]!.push(u);
    if (rng() < 1 / 6) {
      const other = pick();
      if (other !== home) lists[other]!.push(u);
    }
  }
  // A round needs two players to count: every chat gets at least two members.
  lists.forEach((list, c) => {
    for (let extra = 0; list.length < 2; extra++) list.push((c * 7919 + extra * 104_729) % params.users);
  });
  return lists.map((list) => Int32Array.from(list));
}

/** Leaderboard points summed per (period slot, user) for one scope, written in primary-key order. */
class BoardSums {
  private readonly sums = new Map<number, number>();
  constructor(private readonly users: number) {}
  /** slot: 0 = all, 1 + key index = month, 1024 + key index = week (the text order of 'all' < 'month' < 'week'). */
  add(slot: number, user: number, points: number): void {
    const id = slot * this.users + user;
    this.sums.set(id, (this.sums.get(id) ?? 0) + points);
  }
  rows(): [slot: number, user: number, points: number][] {
    return [...this.sums].sort((a, b) => a[0] - b[0]).map(([id, points]) => [Math.floor(id / this.users), id % this.users, points]);
  }
}

const slotPeriod = (slot: number, keys: readonly string[]): [string, string] =>
  slot === 0 ? ["all", "all"] : slot < 1024 ? ["month", keys[slot - 1]!] : ["week", keys[slot - 1024]!];

/** Buffers rows and inserts them `ROWS_PER_INSERT` at a time: one statement call per batch, not per row. */
class BatchInsert {
  static readonly ROWS_PER_INSERT = 64;
  private readonly buffer: unknown[] = [];
  private readonly full: Database.Statement<unknown[]>;
  private readonly sql: string;
  constructor(private readonly db: Database.Database, table: string, private readonly columns: readonly string[]) {
    this.sql = `INSERT INTO ${table} (${columns.join(", ")}) VALUES `;
    this.full = db.prepare(this.sql + this.rows(BatchInsert.ROWS_PER_INSERT));
  }
  private rows(n: number): string {
    return Array.from({ length: n }, () => `(${this.columns.map(() => "?").join(", ")})`).join(", ");
  }
  add(...values: unknown[]): void {
    for (const v of values) this.buffer.push(v);
    if (this.buffer.length === this.columns.length * BatchInsert.ROWS_PER_INSERT) {
      this.full.run(this.buffer);
      this.buffer.length = 0;
    }
  }
  flush(): void {
    if (this.buffer.length === 0) return;
    this.db.prepare(this.sql + this.rows(this.buffer.length / this.columns.length)).run(this.buffer);
    this.buffer.length = 0;
  }
}

/** Drops what slows a bulk load and returns the SQL that recreates it. */
function dropForLoad(db: Database.Database): string[] {
  const rows = db
    .prepare<[], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM sqlite_master
       WHERE (type = 'index' AND name IN ('answers_by_user', 'answers_by_chat', 'scores_rank'))
          OR (type = 'trigger' AND tbl_name = 'scores')`,
    )
    .all();
  for (const row of rows) db.exec(`DROP ${row.type.toUpperCase()} ${row.name}`);
  return rows.map((r) => r.sql);
}

/**
 * Writes the seeded history into a new database at `path` and returns what it
 * wrote. Takes minutes at full scale; reports progress as it goes.
 */
export function seedLeaderboardDatabase(path: string, params: SeedParams, bank: Bank, progress: Progress): SeedStats {
  const began = performance.now();
  const rng = createSeededRng(params.seed);
  const random = () => rng.next();
  const start = Math.floor((params.end - params.spanDays * 86_400_000) / BUCKET_MS) * BUCKET_MS;
  const periods = new PeriodTable(start, params.end, TIME_ZONES);
  const weights = chatWeights(params.chats);
  const members = memberships(params, weights, random);
  const questions: readonly Question[] = bank.questions;

  const db = openDatabase(path);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -524288");
  db.pragma("temp_store = MEMORY");
  db.pragma("locking_mode = EXCLUSIVE");
  // Every reference is right by construction (users, chats and sessions are written first);
  // checking each one would double the work. Quick mode's verification runs foreign_key_check.
  db.pragma("foreign_keys = OFF");
  const recreate = dropForLoad(db);
  const insertUser = db.prepare("INSERT INTO users (id, name, lang, created_at) VALUES (?, ?, NULL, ?)");
  const insertChat = db.prepare("INSERT INTO chats (id, kind, lang, timezone, settings, created_at) VALUES (?, 'group', NULL, ?, '{}', ?)");
  const insertSession = db.prepare(
    "INSERT INTO sessions (id, chat_id, kind, status, started_by, created_at, updated_at, closes_at, state) VALUES (?, ?, 'round', 'finished', ?, ?, ?, NULL, ?)",
  );
  const insertAnswer = new BatchInsert(db, "answers", [
    "id", "user_id", "chat_id", "question_id", "topic", "session_id", "question_index", "option", "correct", "answered_at", "response_ms",
  ]);
  const insertAward = new BatchInsert(db, "awards", ["answer_id", "user_id", "chat_id", "points", "at"]);
  const insertScore = new BatchInsert(db, "scores", ["scope", "period", "period_key", "user_id", "points"]);

  const userIds = Array.from({ length: params.users }, (_, u) => userIdOf(u));
  db.transaction(() => {
    for (let u = 0; u < params.users; u++) insertUser.run(userIds[u], nameOf(u), start);
    for (let c = 0; c < params.chats; c++) insertChat.run(chatIdOf(c), TIME_ZONES[c % TIME_ZONES.length], start);
  })();
  progress(`seed: ${params.users} users and ${params.chats} chats`);

  // Global boards: one array of sums per period key, indexed by user.
  const globalAll = new Int32Array(params.users);
  const globalKeyed = new Map<number, Int32Array>();
  const addGlobal = (slot: number, u: number, points: number) => {
    let sums = globalKeyed.get(slot);
    if (!sums) globalKeyed.set(slot, (sums = new Int32Array(params.users)));
    sums[u]! += points;
  };

  let answerId = 0;
  let sessionId = 0;
  let awards = 0;
  let scoreRows = 0;
  let budgetLeft = params.answers;
  let nextReport = params.answers / 10;
  const scratch = new Int32Array(MAX_PLAYERS);
  const writeChat = (c: number, budget: number) => {
    const chatId = chatIdOf(c);
    const zone = c % TIME_ZONES.length;
    const pool = Int32Array.from(members[c]!);
    // How many players answer each question, until the chat's share of the answers is used up.
    const players: number[] = [];
    for (let used = 0; used < budget; ) {
      const k = random() < 0.08 ? 1 : Math.min(pool.length, 2 + Math.floor(random() * (MAX_PLAYERS - 1)));
      players.push(Math.min(k, budget - used));
      used += players[players.length - 1]!;
    }
    const rounds = Math.ceil(players.length / QUESTIONS_PER_ROUND);
    const starts = Float64Array.from({ length: rounds }, () => start + Math.floor(random() * (params.end - start - QUESTIONS_PER_ROUND * OPEN_MS))).sort();
    const board = new BoardSums(params.users);
    for (let r = 0; r < rounds; r++) {
      const id = ++sessionId;
      const asked = players.slice(r * QUESTIONS_PER_ROUND, (r + 1) * QUESTIONS_PER_ROUND);
      const picked = asked.map(() => questions[Math.floor(random() * questions.length)]!);
      const roundStart = starts[r]!;
      const state: RoundState = {
        questionIds: picked.map((q) => q.id), index: asked.length - 1, openedAt: roundStart + (asked.length - 1) * OPEN_MS,
        closesAt: roundStart + asked.length * OPEN_MS, openMs: OPEN_MS, topic: null, lang: "en",
      };
      insertSession.run(id, chatId, userIds[pool[0]!], roundStart, state.closesAt, JSON.stringify(state));
      asked.forEach((k, index) => {
        const question = picked[index]!;
        const openedAt = roundStart + index * OPEN_MS;
        // k distinct members: a partial Fisher–Yates shuffle of the pool.
        for (let i = 0; i < k; i++) {
          const j = i + Math.floor(random() * (pool.length - i));
          const t = pool[i]!;
          pool[i] = pool[j]!;
          pool[j] = t;
          scratch[i] = pool[i]!;
        }
        for (let i = 0; i < k; i++) {
          const u = scratch[i]!;
          const right = random() < RIGHT_SHARE;
          const n = question.options.length;
          const option = right ? question.answer : (question.answer + 1 + Math.floor(random() * (n - 1))) % n;
          const responseMs = 300 + Math.floor(random() * (OPEN_MS - 600));
          const at = openedAt + responseMs;
          insertAnswer.add(++answerId, userIds[u], chatId, question.id, question.topic, id, index, option, right ? 1 : 0, at, responseMs);
          // The app's rule: points only for a right answer to a question at least two players answered.
          if (!right || k < 2) continue;
          const points = roundPoints(question.level, true, responseMs, OPEN_MS);
          insertAward.add(answerId, userIds[u], chatId, points, at);
          awards++;
          board.add(0, u, points);
          board.add(1 + periods.monthOf(zone, at), u, points);
          board.add(1024 + periods.weekOf(zone, at), u, points);
          globalAll[u]! += points;
          addGlobal(1 + periods.monthOf(0, at), u, points);
          addGlobal(1024 + periods.weekOf(0, at), u, points);
        }
      });
    }
    for (const [slot, u, points] of board.rows()) {
      const [period, key] = slotPeriod(slot, periods.keys);
      insertScore.add(chatId, period, key, userIds[u], points);
      scoreRows++;
    }
  };

  db.exec("BEGIN");
  for (let c = 0; c < params.chats; c++) {
    const budget = c === params.chats - 1 ? budgetLeft : Math.min(budgetLeft, Math.max(1, Math.round(params.answers * weights[c]!)));
    writeChat(c, budget);
    budgetLeft -= budget;
    if (answerId >= nextReport) {
      const s = (performance.now() - began) / 1000;
      progress(`seed: ${answerId}/${params.answers} answers, ${awards} awards (${c + 1}/${params.chats} chats, ${s.toFixed(0)} s)`);
      nextReport += params.answers / 10;
    }
  }
  insertAnswer.flush();
  insertAward.flush();
  {
    const write = (slot: number, sums: Int32Array) => {
      const [period, key] = slotPeriod(slot, periods.keys);
      for (let u = 0; u < params.users; u++) {
        // Every award is worth at least 10 points, so a row exists exactly where the sum is positive.
        if (sums[u] === 0) continue;
        insertScore.add("global", period, key, userIds[u], sums[u]);
        scoreRows++;
      }
    };
    write(0, globalAll);
    for (const slot of [...globalKeyed.keys()].sort((a, b) => a - b)) write(slot, globalKeyed.get(slot)!);
    insertScore.flush();
  }
  db.exec("COMMIT");
  progress(`seed: ${scoreRows} leaderboard rows; building the user indexes, triggers and score_counts…`);
  for (const sql of recreate) {
    db.exec(sql);
    progress(`seed: ${sql.split("\n")[0]} (${((performance.now() - began) / 1000).toFixed(0)} s)`);
  }
  db.exec(
    `INSERT INTO score_counts (scope, period, period_key, points, players)
     SELECT scope, period, period_key, points, COUNT(*) FROM scores GROUP BY scope, period, period_key, points`,
  );
  db.pragma("journal_mode = WAL");
  closeDatabase(db);
  const seconds = (performance.now() - began) / 1000;
  progress(`seed: done in ${seconds.toFixed(0)} s`);
  return { sessions: sessionId, answers: answerId, awards, scoreRows, bytes: statSync(path).size, seconds };
}
