/**
 * `npm run bench [-- --json] [-- --quick]`: each figure next to its target,
 * as medians of several runs (these machines are shared and noisy).
 */
import { measureBankLoad } from "./bank-load.ts";
import { measureBroadcast } from "./broadcast.ts";
import { measureCards } from "./cards.ts";
import { measureIngest } from "./perf/ingest.ts";
import { measureLeaderboard } from "./perf/leaderboard.ts";
import { measureMemory } from "./perf/memory.ts";
import { measureNextQuestion } from "./perf/next-question.ts";
import { withSeededDatabase } from "./perf/seeded-database.ts";
import { measureStartup } from "./perf/startup.ts";

interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly target: string;
  readonly pass: boolean;
}

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const figures: Record<string, Figure> = {};

function report(name: string, figure: Figure): void {
  figures[name] = figure;
  if (!args.has("--json")) {
    const value = `${Number.isInteger(figure.value) ? figure.value : figure.value.toFixed(figure.value < 10 ? 3 : 1)} ${figure.unit}`.trim();
    process.stdout.write(`${name.padEnd(34)} ${value.padStart(12)}   target ${figure.target.padEnd(10)} ${figure.pass ? "PASS" : "FAIL"}\n`);
  }
}

const count = quick ? 200 : 2000;
process.stderr.write(`bench: loading and validating a generated bank of ${count} questions…\n`);
const load = measureBankLoad(count, quick ? 3 : 9);
report(`bank load + validate (${load.questions} q)`, { value: load.medianMs, unit: "ms", target: "≤ 400 ms", pass: load.medianMs <= 400 });

const progress = (line: string) => process.stderr.write(`${line}\n`);
const ingest = await measureIngest({ quick, progress });
report(`answer ingest (${ingest.steady.answers} answers)`, { value: ingest.steady.answersPerSecond, unit: "answers/s", target: "≥ 20000", pass: ingest.steady.answersPerSecond >= 20_000 });
report("answer ingest / raw SQLite", { value: ingest.ratio, unit: "", target: "≥ 0.33", pass: ingest.ratio >= 0.33 });
report("answer latency p99 (alone)", { value: ingest.single.p99Ms, unit: "ms", target: "≤ 2 ms", pass: ingest.single.p99Ms <= 2 });
report(`burst p99 (${ingest.burst.answers} answers)`, { value: ingest.burst.p99Ms, unit: "ms", target: "≤ 5 ms", pass: ingest.burst.p99Ms <= 5 });
report("burst acknowledged", { value: ingest.burst.accepted, unit: "", target: `${ingest.burst.answers}`, pass: ingest.burst.accepted === ingest.burst.answers });
const next = await measureNextQuestion({ quick, progress });
report(`next question p99 (${next.questions} q)`, { value: next.next.p99Ms, unit: "ms", target: "≤ 0.5 ms", pass: next.next.p99Ms <= 0.5 });
const startup = await measureStartup({ quick, progress });
report("npm start to greeting (median)", { value: startup.medianMs / 1000, unit: "s", target: "≤ 1.5 s", pass: startup.medianMs <= 1500 });

// Leaderboards and memory share the seeded database (1M users, 10,000 chats, 20M answers; kept between full runs).
await withSeededDatabase({ quick, progress }, async (seeded) => {
  const board = await measureLeaderboard({ quick, progress, seeded });
  const users = quick ? "10k" : "1M";
  for (const [kind, q] of Object.entries(board.queries)) {
    report(`top10+rank p99 ${kind.replace("-", " ")} (${users})`, { value: q.p99Ms, unit: "ms", target: "≤ 2 ms", pass: q.p99Ms <= 2 });
  }
  report(`mid-table global rank p99 (${users})`, { value: board.midTableRank.p99Ms, unit: "ms", target: "≤ 2 ms", pass: board.midTableRank.p99Ms <= 2 });
  const memory = await measureMemory({ quick, progress, seeded });
  report(`RSS serving ${users}-user db (max)`, { value: memory.serving.rssMaxMb, unit: "MB", target: "≤ 150 MB", pass: memory.serving.rssMaxMb <= 150 });
  const { heap } = memory;
  report(`heap ${heap.answers} answers / ${heap.checkpoint}`, { value: heap.ratio, unit: "", target: "0.9–1.1", pass: Math.abs(heap.ratio - 1) <= 0.1 });
});

for (const { card, medianMs } of measureCards(quick ? 5 : 21)) {
  report(`card render: ${card} (median)`, { value: medianMs, unit: "ms", target: "≤ 50 ms", pass: medianMs <= 50 });
}

const chats = quick ? 100 : 10_000;
const rate = 300;
process.stderr.write(`bench: daily broadcast to ${chats} chats through the fake Bot API at ${rate} messages/s…\n`);
const broadcast = await measureBroadcast(chats, rate, (line) => process.stderr.write(`${line}\n`));
report(`broadcast rate / allowed (${chats} chats)`, { value: broadcast.fraction, unit: "", target: "≥ 0.9", pass: broadcast.fraction >= 0.9 });
report("broadcast 429s", { value: broadcast.rejected429, unit: "", target: "0", pass: broadcast.rejected429 === 0 });

if (args.has("--json")) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
process.exitCode = Object.values(figures).every((f) => f.pass) ? 0 : 1;
