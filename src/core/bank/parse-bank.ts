import { buildBank } from "./build-bank.ts";
import { checkFile, type FileResult, type Locator } from "./check-file.ts";
import { readFast } from "./fast-yaml.ts";
import { issueAt, sortIssues } from "./issues.ts";
import { findNearDuplicates } from "./near-duplicates.ts";
import type { Bank, BankIssue, Question, Topic } from "./types.ts";
import { guessContext, locate, parseYamlSource, type Position } from "./yaml-source.ts";

export { topicOfPath } from "./check-file.ts";

/** A question file's path (as it should appear in messages) and its text. */
export interface BankFile {
  readonly path: string;
  readonly text: string;
}

/** A loaded bank with its warnings, or every error found; never half a bank. */
export type BankLoadResult =
  | { readonly ok: true; readonly bank: Bank; readonly warnings: readonly BankIssue[] }
  | { readonly ok: false; readonly errors: readonly BankIssue[]; readonly warnings: readonly BankIssue[] };

/** How `parseBank` reads the YAML of each file. */
export interface ParseBankOptions {
  /**
   * "fast" (the default) reads a file with js-yaml and keeps that only if the
   * file is clean; "yaml" reads every file with the yaml library. Both give
   * the same result; tests compare them.
   */
  readonly reader?: "fast" | "yaml";
  /** Called with the path of each file the fast reader passed on to the yaml library. */
  readonly onYamlFallback?: (path: string) => void;
}

/** The yaml library's reading: slower, but with the position of every node and the wording of every error. */
function parseFileWithYaml(file: BankFile): FileResult {
  const { source, errors } = parseYamlSource(file.path, file.text);
  if (errors.length > 0) {
    const issues = errors.map((error) => {
      const context = guessContext(file.text, error.line);
      return issueAt("error", file.path, error, context.questionId, context.field, `YAML syntax: ${error.message}`);
    });
    return { issues, questions: [] };
  }
  return checkFile(file.path, source.doc.toJS(), (path, atKey) => locate(source, path, atKey));
}

const FILE_START: Position = { line: 1, col: 1 };

/**
 * Positions from the fast reader: exact for each question, the file's start
 * for anything deeper. Only questions' positions are kept: an issue anywhere
 * sends the file to the yaml library, which places it exactly.
 */
function questionLocator(positions: readonly Position[]): Locator {
  return (path) => (path.length === 2 && path[0] === "questions" && typeof path[1] === "number" ? positions[path[1]] : undefined) ?? FILE_START;
}

/** The fast reading, or undefined if js-yaml can't take the file or it has any issue. */
function parseFileFast(file: BankFile): FileResult | undefined {
  const read = readFast(file.text);
  if (!read) return undefined;
  const result = checkFile(file.path, read.value, questionLocator(read.questionPositions));
  return result.issues.length === 0 ? result : undefined;
}

function parseFile(file: BankFile, options: ParseBankOptions): FileResult {
  if (options.reader !== "yaml") {
    const fast = parseFileFast(file);
    if (fast) return fast;
    options.onYamlFallback?.(file.path);
  }
  return parseFileWithYaml(file);
}

/**
 * Parses and validates every question file at once. All errors are reported
 * together, and a bank with any error is not loaded at all. A clean file is
 * read with js-yaml (fast); any other with the yaml library, which words the
 * errors and places them. Either way the result is the same.
 */
export function parseBank(files: readonly BankFile[], options: ParseBankOptions = {}): BankLoadResult {
  const issues: BankIssue[] = [];
  const questions: Question[] = [];
  const topics: Topic[] = [];
  const seen = new Map<string, Question>();
  for (const file of files) {
    const result = parseFile(file, options);
    issues.push(...result.issues);
    if (result.topic) topics.push(result.topic);
    for (const question of result.questions) {
      const first = seen.get(question.id);
      if (first) {
        const { file: path, line, col } = question.location;
        issues.push(issueAt("error", path, { line, col }, question.id, "id", `duplicates the id at ${first.location.file}:${first.location.line}; ids are unique across all files`));
        continue;
      }
      seen.set(question.id, question);
      questions.push(question);
    }
  }
  const warnings = findNearDuplicates(questions).map(({ question, original, similarity }) =>
    issueAt("warning", question.location.file, question.location, question.id, "prompt", `near-duplicate of ${original.id} (${Math.round(similarity * 100)}% similar)`),
  );
  const errors = issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0) return { ok: false, errors: sortIssues(errors), warnings: sortIssues(warnings) };
  return { ok: true, bank: buildBank(questions, topics), warnings: sortIssues(warnings) };
}
