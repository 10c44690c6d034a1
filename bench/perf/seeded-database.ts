/**
 * The seeded leaderboard database for the leaderboard and memory benchmarks.
 * Quick mode seeds into a temp folder every time (a couple of seconds). Full
 * scale takes minutes, so the file is kept in `<tmp>/memquiz-bench-seed/`,
 * named by a hash of everything that decides its contents: the parameters,
 * the migrations, the seeding code, the scoring and period code and the bank.
 * Only one seed is kept there. A kept file is used only when it was verified
 * after seeding, carries no write-ahead log (a run that wrote to it and died),
 * and passes the sample verification again; otherwise it is seeded anew.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bank } from "../../src/core/bank/types.ts";
import { closeDatabase, loadBankFromDir, openDatabase } from "../../src/storage/index.ts";
import { withTempDir, type Progress } from "./common.ts";
import { chatIdOf, seedLeaderboardDatabase, seedParams, userIdOf, type SeedParams, type SeedStats } from "./leaderboard-seed.ts";
import { sampleIds, verifyLeaderboardSeed, type VerifyResult } from "./leaderboard-verify.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The files whose contents the seed depends on; a change to any of them means a new seed. */
const INPUTS = ["migrations", "questions", "bench/perf/leaderboard-seed.ts", "src/core/game/scoring.ts", "src/core/time/periods.ts"];

/** A seeded database ready to open. */
export interface SeededDatabase {
  readonly path: string;
  readonly params: SeedParams;
  readonly bank: Bank;
  /** What was written; undefined when a kept seed was reused. */
  readonly stats: SeedStats | undefined;
  readonly verified: VerifyResult;
  readonly reused: boolean;
}

/** The folder full-scale seeds are kept in. */
export const SEED_CACHE_DIR = join(tmpdir(), "memquiz-bench-seed");

function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  try {
    return readdirSync(full, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch {
    return [full];
  }
}

function cacheKey(params: SeedParams): string {
  const hash = createHash("sha256").update(JSON.stringify(params));
  for (const file of INPUTS.flatMap(filesUnder)) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

function loadBank(): Bank {
  const loaded = loadBankFromDir(join(ROOT, "questions"));
  if (!loaded.ok) throw new Error("the bundled bank does not load");
  return loaded.bank;
}

function verify(path: string, params: SeedParams, bank: Bank, quick: boolean): VerifyResult {
  const db = openDatabase(path);
  try {
    const sample = sampleIds(params.chats, params.users, quick ? { chats: 20, users: 200 } : { chats: 12, users: 300 }, chatIdOf, userIdOf);
    return verifyLeaderboardSeed(db, bank, { ...sample, full: quick });
  } finally {
    closeDatabase(db);
  }
}

function problems(v: VerifyResult): number {
  return v.awardMismatches + v.rowMismatches + v.checkProblems;
}

function describe(v: VerifyResult): string {
  return `${v.chats} chats and ${v.users} users: ${v.questionsScored} questions rescored, ${v.awardsCompared} awards and ${v.rowsCompared} leaderboard rows compared, ` +
    `${v.awardMismatches + v.rowMismatches} differ${v.checkProblems > 0 ? `, memquiz check found ${v.checkProblems}` : ""}`;
}

function seedAndVerify(path: string, params: SeedParams, bank: Bank, quick: boolean, progress: Progress): { stats: SeedStats; verified: VerifyResult } {
  progress(`seed: ${params.users} users, ${params.chats} chats, ${params.answers} answers into ${path}`);
  const stats = seedLeaderboardDatabase(path, params, bank, progress);
  const verified = verify(path, params, bank, quick);
  progress(`seed: verified against the app's scoring on ${describe(verified)}`);
  if (problems(verified) > 0) throw new Error(`the seeded database differs from what the app computes: ${describe(verified)}`);
  return { stats, verified };
}

/**
 * Runs `fn` on a seeded database: a fresh temp one in quick mode, the kept
 * full-scale one otherwise (seeded first when missing or stale). `fn` must
 * leave the file as it found it (it may read; the memory benchmark's writes
 * are discarded with the write-ahead log, see memory.ts).
 */
export async function withSeededDatabase<T>(options: { quick: boolean; progress: Progress }, fn: (seeded: SeededDatabase) => T | Promise<T>): Promise<T> {
  const { quick, progress } = options;
  const params = seedParams(quick);
  const bank = loadBank();
  if (quick) {
    return withTempDir("memquiz-seed-", async (dir) => {
      const path = join(dir, "leaderboard.db");
      const { stats, verified } = seedAndVerify(path, params, bank, true, progress);
      return fn({ path, params, bank, stats, verified, reused: false });
    });
  }
  const path = join(SEED_CACHE_DIR, `leaderboard-${cacheKey(params)}.db`);
  const marker = `${path}.verified`;
  if (existsSync(path) && existsSync(marker) && !existsSync(`${path}-wal`)) {
    progress(`seed: reusing ${path}; checking a sample again`);
    const verified = verify(path, params, bank, false);
    if (problems(verified) === 0) return fn({ path, params, bank, stats: undefined, verified, reused: true });
    progress(`seed: the kept seed no longer matches (${describe(verified)}); seeding anew`);
  }
  // Keep at most one seed: clear the folder, including older keys.
  rmSync(SEED_CACHE_DIR, { recursive: true, force: true });
  mkdirSync(SEED_CACHE_DIR, { recursive: true });
  try {
    const { stats, verified } = seedAndVerify(path, params, bank, false, progress);
    writeFileSync(marker, `${JSON.stringify({ params, stats, verified }, null, 2)}\n`);
    return await fn({ path, params, bank, stats, verified, reused: false });
  } catch (error) {
    if (!existsSync(marker)) rmSync(SEED_CACHE_DIR, { recursive: true, force: true });
    throw error;
  }
}

/** Removes the kept full-scale seed (several GB). */
export function removeKeptSeed(): void {
  rmSync(SEED_CACHE_DIR, { recursive: true, force: true });
}
