/**
 * `npm run bench:adaptive [-- --json]`: simulated learners through random and
 * adaptive selection, each figure next to its target with PASS/FAIL; exit
 * code 0 only when every target passes. Fixed seed, printed; progress on
 * stderr. The engine under test is src/core/adaptive, imported, not copied.
 */
import { FULL_SIZE, runBench } from "./adaptive/runs.ts";
import { formatTable } from "./adaptive/report.ts";

const SEED = 20260501;
const args = new Set(process.argv.slice(2));
const json = args.has("--json");
const started = performance.now();

const result = runBench(SEED, FULL_SIZE, (line) => process.stderr.write(`bench:adaptive: ${line}\n`));
const gated = Object.values(result.figures).filter((f) => f.pass !== null);
const pass = gated.every((f) => f.pass === true);
const seconds = (performance.now() - started) / 1000;

if (json) {
  process.stdout.write(`${JSON.stringify({ seed: SEED, pass, seconds: Number(seconds.toFixed(1)), figures: result.figures }, null, 2)}\n`);
} else {
  process.stdout.write(`adaptive selection benchmark, seed ${SEED}\n`);
  process.stdout.write(formatTable(result.sections));
  const failed = gated.filter((f) => f.pass === false).length;
  process.stdout.write(`\n${gated.length - failed}/${gated.length} targets pass (${seconds.toFixed(1)} s)\n`);
}
process.exitCode = pass ? 0 : 1;
