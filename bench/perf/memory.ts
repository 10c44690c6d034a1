/**
 * Memory: RSS while the app serves from the seeded 1M-user database, and
 * whether the heap grows with the number of answers taken. Each workload
 * runs in a child process (memory-child.ts) started with `--expose-gc`, so
 * the seeding and the other benchmarks are not in the figures.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Progress } from "./common.ts";
import { withSeededDatabase, type SeededDatabase } from "./seeded-database.ts";

const CHILD = fileURLToPath(new URL("./memory-child.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface MemoryOptions {
  /** 1/100 scale: the small seed, 10,000 answers (checkpoint 1,000), fewer commands. */
  readonly quick?: boolean;
  /** A seeded database to serve from; seeded (or the kept one reused) when absent. */
  readonly seeded?: SeededDatabase;
  /** Commands served from the seeded database (5,000; quick 300); a round every 20. */
  readonly commands?: number;
  /** Answers through the app in the heap run (1,000,000; quick 10,000), and the first measurement (a tenth). */
  readonly answers?: number;
  readonly progress?: Progress;
}

export interface ServingFigures {
  readonly ops: number;
  readonly answers: number;
  readonly seconds: number;
  /** After opening the database and loading the bank, before serving. */
  readonly rssStartMb: number;
  readonly rssMaxMb: number;
  readonly rssEndMb: number;
  readonly heapUsedMb: number;
}

export interface HeapFigures {
  readonly answers: number;
  readonly checkpoint: number;
  readonly seconds: number;
  readonly heapAtCheckpointMb: number;
  readonly heapAtEndMb: number;
  /** heapAtEnd / heapAtCheckpoint: 1 means no growth. */
  readonly ratio: number;
  readonly rssAtCheckpointMb: number;
  readonly rssEndMb: number;
}

export interface MemoryResult {
  readonly serving: ServingFigures;
  readonly heap: HeapFigures;
}

/** The node flags of `npm start` (package.json), so the child's memory is what the bot's would be. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL("package.json", `file://${ROOT}`), "utf8")) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  if (words[0] !== "node") return [];
  return words.slice(1, words.indexOf("--import")).filter((w) => w.startsWith("--"));
}

/** Runs one workload of memory-child.ts and returns its JSON line; its stderr lines go to `progress`. */
function runChild<T>(args: readonly string[], progress: Progress): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...startFlags(), "--expose-gc", "--import", "tsx", CHILD, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const lines = err.split("\n");
      err = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("memory:")) progress(line);
    });
    child.on("error", reject);
    child.on("close", () => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as T);
      } catch {
        reject(new Error(`memory workload ${args[0]} gave no result: ${err || out}`));
      }
    });
  });
}

async function serveFrom(seeded: SeededDatabase, commands: number, progress: Progress): Promise<ServingFigures> {
  progress(`memory: serving ${commands} commands (a round every 20) from ${seeded.path} in a child process`);
  try {
    return await runChild<ServingFigures>(["serve", seeded.path, String(seeded.params.end), String(commands)], progress);
  } finally {
    // The child never checkpointed and was killed: its writes live only in the log. Dropping the
    // log leaves the seeded file as it was (seeded-database.ts refuses a file with a log beside it).
    rmSync(`${seeded.path}-wal`, { force: true });
    rmSync(`${seeded.path}-shm`, { force: true });
  }
}

/** RSS while serving from the seeded database, and heap growth over a long run of answers. */
export async function measureMemory(options: MemoryOptions = {}): Promise<MemoryResult> {
  const quick = options.quick ?? false;
  const progress = options.progress ?? (() => {});
  const commands = options.commands ?? (quick ? 300 : 5_000);
  const answers = options.answers ?? (quick ? 10_000 : 1_000_000);
  const serving = options.seeded
    ? await serveFrom(options.seeded, commands, progress)
    : await withSeededDatabase({ quick, progress }, (seeded) => serveFrom(seeded, commands, progress));
  progress(`memory: ${answers} answers through the app in a child process, heap measured at ${answers / 10} and at the end`);
  const heap = await runChild<HeapFigures>(["heap", String(answers), String(answers / 10)], progress);
  return { serving, heap };
}

/** `tsx bench/perf/memory.ts [--quick]`: prints the figures. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureMemory({ quick: process.argv.includes("--quick"), progress: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
