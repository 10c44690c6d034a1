/** Entry point of the `memquiz` command-line tool. */
import { runCli } from "./run-cli.ts";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});
process.exitCode = code;
