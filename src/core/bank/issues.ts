import type { BankIssue } from "./types.ts";
import type { Position } from "./yaml-source.ts";

/** Formats a field path like `options[2].ru`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "-" : out;
}

/** Builds an error or warning at a position. */
export function issueAt(
  severity: BankIssue["severity"],
  file: string,
  position: Position,
  questionId: string,
  field: string,
  message: string,
): BankIssue {
  return { severity, file, line: position.line, col: position.col, questionId, field, message };
}

/** One line per issue: `<file>:<line>:<col> <question-id> <field>: <message>`. */
export function formatIssue(issue: BankIssue): string {
  const prefix = issue.severity === "warning" ? "warning: " : "";
  return `${issue.file}:${issue.line}:${issue.col} ${issue.questionId} ${issue.field}: ${prefix}${issue.message}`;
}

/** Orders issues by file, then line, then column. */
export function sortIssues(issues: readonly BankIssue[]): BankIssue[] {
  return [...issues].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col),
  );
}
