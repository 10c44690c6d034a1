import { existsSync } from "node:fs";
import { formatTable } from "../core/render/table.ts";
import { closeDatabase, createSqliteStore, openDatabase, StorageError } from "../storage/index.ts";
import type { CliIo } from "./io.ts";

/** `memquiz reports`: lists the question reports users sent with /report, newest first. */
export function runReports(args: readonly string[], io: CliIo & { dbPath: string }): number {
  if (args.length > 0) {
    io.stderr("usage: memquiz reports   (reads MEMQUIZ_DB)\n");
    return 2;
  }
  if (!existsSync(io.dbPath)) {
    io.stderr(`memquiz reports: there is no database at ${io.dbPath} yet (set MEMQUIZ_DB, or run the bot first)\n`);
    return 1;
  }
  let db;
  try {
    db = openDatabase(io.dbPath);
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    io.stderr(`memquiz reports: ${error.message}\n`);
    return 1;
  }
  try {
    const reports = createSqliteStore(db).listReports();
    if (reports.length === 0) {
      io.stdout(`No reports in ${io.dbPath}.\n`);
      return 0;
    }
    const rows = reports.map((r) => [String(r.id), new Date(r.createdAt).toISOString().slice(0, 16).replace("T", " "), r.questionId, r.userId, r.text.replace(/\s+/g, " ")]);
    io.stdout(`${formatTable(["id", "when (UTC)", "question", "user", "report"], rows)}\n\n${reports.length} report(s).\n`);
    return 0;
  } finally {
    closeDatabase(db);
  }
}
