import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { diffBoards } from "../app/recompute-boards.ts";
import {
  awardFacts,
  backupDatabase,
  closeDatabase,
  integrityProblems,
  openDatabase,
  orphanAwards,
  scoreCountDifferences,
  scoreFacts,
  StorageError,
  type SqliteDatabase,
} from "../storage/index.ts";
import type { CliIo } from "./io.ts";

/** Opens MEMQUIZ_DB for a maintenance command, or says why not and returns undefined. */
function open(name: string, io: CliIo & { dbPath: string }): SqliteDatabase | undefined {
  if (!existsSync(io.dbPath)) {
    io.stderr(`memquiz ${name}: there is no database at ${io.dbPath} (set MEMQUIZ_DB)\n`);
    return undefined;
  }
  try {
    return openDatabase(io.dbPath);
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    io.stderr(`memquiz ${name}: ${error.message}\n`);
    return undefined;
  }
}

/**
 * `memquiz backup <file>`: an online copy of MEMQUIZ_DB made with SQLite's
 * backup API, safe while the bot runs. Never overwrites an existing file.
 */
export async function runBackup(args: readonly string[], io: CliIo & { dbPath: string }): Promise<number> {
  const [target, ...extra] = args;
  if (target === undefined || extra.length > 0 || target.startsWith("-")) {
    io.stderr("usage: memquiz backup <file>   (copies MEMQUIZ_DB while the bot may be running)\n");
    return 2;
  }
  if (existsSync(target)) {
    io.stderr(`memquiz backup: ${target} already exists; choose a new file name (nothing was written)\n`);
    return 1;
  }
  if (resolve(target) === resolve(io.dbPath)) {
    io.stderr("memquiz backup: the backup can't be the database itself\n");
    return 2;
  }
  const db = open("backup", io);
  if (!db) return 1;
  try {
    let shown = -1;
    const result = await backupDatabase(db, target, ({ done, total }) => {
      const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
      if (io.isTTY && percent !== shown) io.stderr(`\rbackup: ${percent}% (${done}/${total} pages)`);
      shown = percent;
    });
    if (io.isTTY) io.stderr("\n");
    io.stdout(`Backed up ${io.dbPath} to ${target} (${result.total} pages).\n`);
    return 0;
  } catch (error) {
    io.stderr(`memquiz backup: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    closeDatabase(db);
  }
}

/**
 * `memquiz check`: `PRAGMA integrity_check`, awards that no right answer
 * explains, every leaderboard row recomputed from the awards, and the
 * players per points total (which ranks are read from) recounted from the
 * leaderboard rows; exit 1 with the differences when anything is off.
 */
export function runCheck(args: readonly string[], io: CliIo & { dbPath: string }): number {
  if (args.length > 0) {
    io.stderr("usage: memquiz check   (reads MEMQUIZ_DB)\n");
    return 2;
  }
  const db = open("check", io);
  if (!db) return 1;
  try {
    const integrity = integrityProblems(db);
    const orphans = orphanAwards(db);
    const diffs = diffBoards(awardFacts(db), scoreFacts(db));
    io.stdout(`integrity_check: ${integrity.length === 0 ? "ok" : integrity.join("; ")}\n`);
    io.stdout(`awards without a right answer: ${orphans}\n`);
    io.stdout(`leaderboard rows that differ from the awards: ${diffs.length}\n`);
    for (const d of diffs.slice(0, 20)) io.stdout(`  ${d.scope} ${d.period} ${d.key} ${d.userId}: stored ${d.stored}, expected ${d.expected}\n`);
    if (diffs.length > 20) io.stdout(`  …and ${diffs.length - 20} more\n`);
    const counts = scoreCountDifferences(db);
    io.stdout(`players per points total that differ from the leaderboard rows: ${counts.length}\n`);
    for (const d of counts.slice(0, 20)) io.stdout(`  ${d.scope} ${d.period} ${d.key} ${d.points} points: stored ${d.stored} players, expected ${d.expected}\n`);
    if (counts.length > 20) io.stdout(`  …and ${counts.length - 20} more\n`);
    return integrity.length === 0 && orphans === 0 && diffs.length === 0 && counts.length === 0 ? 0 : 1;
  } finally {
    closeDatabase(db);
  }
}
