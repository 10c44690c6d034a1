import { bankSummary, formatIssue, type Bank } from "../core/bank/index.ts";
import { formatTable } from "../core/render/table.ts";
import { loadBankFromDir, QuestionFolderError } from "../storage/question-files.ts";
import type { CliIo } from "./io.ts";

/** Renders the summary table of a loaded bank: questions per topic × level, code questions, languages. */
export function formatBankSummary(bank: Bank): string {
  const summary = bankSummary(bank);
  const row = (t: (typeof summary.topics)[number]) => [
    t.topic,
    ...t.levels.map(String),
    String(t.code),
    String(t.total),
  ];
  const table = formatTable(
    ["topic", "level 1", "level 2", "level 3", "code", "total"],
    [...summary.topics.map(row), row(summary.totals)],
    ["left", "right", "right", "right", "right", "right"],
  );
  return [
    table,
    "",
    `languages: ${summary.languages.join(", ")} · version-specific questions: ${summary.versionSpecific}`,
  ].join("\n");
}

/** The summary as a Markdown table, the coverage table of questions/README.md. */
export function formatBankMarkdown(bank: Bank): string {
  const summary = bankSummary(bank);
  const lines = ["| topic | level 1 | level 2 | level 3 | code | total |", "|---|---:|---:|---:|---:|---:|"];
  for (const t of summary.topics) lines.push(`| ${t.topic} | ${t.levels.join(" | ")} | ${t.code} | ${t.total} |`);
  const all = summary.totals;
  lines.push(`| **total** | ${[...all.levels, all.code, all.total].map((n) => `**${n}**`).join(" | ")} |`);
  return lines.join("\n");
}

/** `memquiz validate [DIR] [--markdown]`: prints the summary and exits 0, or every error and exits 1. */
export function runValidate(args: readonly string[], io: CliIo): number {
  const markdown = args.includes("--markdown");
  const rest = args.filter((arg) => arg !== "--markdown");
  if (rest.length > 1 || rest.some((arg) => arg.startsWith("-"))) {
    io.stderr("usage: memquiz validate [DIR] [--markdown]\n");
    return 2;
  }
  const dir = rest[0] ?? io.defaultQuestionsDir;
  let result;
  try {
    result = loadBankFromDir(dir);
  } catch (error) {
    if (error instanceof QuestionFolderError) {
      io.stderr(`memquiz validate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  for (const warning of result.warnings) io.stderr(`${formatIssue(warning)}\n`);
  if (!result.ok) {
    for (const error of result.errors) io.stderr(`${formatIssue(error)}\n`);
    io.stderr(`\n${result.errors.length} error(s) in ${dir}; the bank was not loaded.\n`);
    return 1;
  }
  if (markdown) {
    io.stdout(`${formatBankMarkdown(result.bank)}\n`);
    return 0;
  }
  io.stdout(`${formatBankSummary(result.bank)}\n`);
  io.stdout(`\n${dir}: ${result.bank.questions.length} questions in ${result.bank.topics.length} topics, all valid` +
    (result.warnings.length > 0 ? ` (${result.warnings.length} warning(s))` : "") + ".\n");
  return 0;
}
