import { ConfigError, parseConfig, type Config } from "../app/config.ts";
import { loadEnv } from "../app/load-env.ts";
import type { CliIo } from "./io.ts";
import { runBackup, runCheck } from "./maintenance.ts";
import { runRegisterCommands } from "./register-commands.ts";
import { runReports } from "./reports.ts";
import { runValidate } from "./validate.ts";
import { runVerify } from "./verify/index.ts";

/** One `memquiz` subcommand: a summary for help, and the function that runs it. */
interface Command {
  readonly usage: string;
  readonly summary: string;
  readonly run: (args: string[], io: CliIo & { dbPath: string; config: Config }) => number | Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  validate: {
    usage: "memquiz validate [DIR] [--markdown]",
    summary: "check every question file; print a summary, or every error with file:line:col",
    run: runValidate,
  },
  verify: {
    usage: "memquiz verify [DIR] [--python PATH ...] [--timeout SECONDS]",
    summary: "run every code question on the CPython interpreters found and compare its output",
    run: (args, io) => runVerify(args, { ...io, defaultDir: io.defaultQuestionsDir }),
  },
  reports: {
    usage: "memquiz reports",
    summary: "list the question reports users sent with /report (from MEMQUIZ_DB)",
    run: runReports,
  },
  backup: {
    usage: "memquiz backup <file>",
    summary: "copy MEMQUIZ_DB to a new file with SQLite's online backup (safe while the bot runs)",
    run: runBackup,
  },
  check: {
    usage: "memquiz check",
    summary: "integrity_check, and every leaderboard row recomputed from the awards (exit 1 on a difference)",
    run: runCheck,
  },
  "register-commands": {
    usage: "memquiz register-commands [--guild ID]",
    summary: "register the Discord slash commands, globally or for one guild (needs DISCORD_APP_ID)",
    run: runRegisterCommands,
  },
};

function help(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return ["usage: memquiz <command> [options]", "", "commands:", ...lines, "", "Run the bot itself with `npm start`."].join("\n");
}

/** Runs `memquiz <command> ...` and returns the exit code. */
export async function runCli(argv: readonly string[], io: Omit<CliIo, "defaultQuestionsDir">): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(`${help()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`memquiz: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = parseConfig(loadEnv(io.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`memquiz: config: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return command.run(args, { ...io, defaultQuestionsDir: config.questionsDir, dbPath: config.dbPath, config });
}
