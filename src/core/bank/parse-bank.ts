import type { z } from "zod";
import { buildBank } from "./build-bank.ts";
import { fieldName, issueAt, sortIssues } from "./issues.ts";
import { findNearDuplicates } from "./near-duplicates.ts";
import { checkQuestion } from "./question-checks.ts";
import { quickQuestion } from "./quick-question.ts";
import { fileSchema, questionSchema, type QuestionInput } from "./schema.ts";
import type { Bank, BankIssue, Question, Topic } from "./types.ts";
import { parseVersionRange } from "./version-range.ts";
import { guessContext, locate, parseYamlSource, type YamlSource } from "./yaml-source.ts";

/** A question file's path (as it should appear in messages) and its text. */
export interface BankFile {
  readonly path: string;
  readonly text: string;
}

/** A loaded bank with its warnings, or every error found; never half a bank. */
export type BankLoadResult =
  | { readonly ok: true; readonly bank: Bank; readonly warnings: readonly BankIssue[] }
  | { readonly ok: false; readonly errors: readonly BankIssue[]; readonly warnings: readonly BankIssue[] };

/** The topic a file must declare: its name without folder and `.yaml`. */
export function topicOfPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.ya?ml$/, "");
}

function zodIssues(
  source: YamlSource,
  base: readonly PropertyKey[],
  questionId: string,
  error: z.ZodError,
): BankIssue[] {
  const out: BankIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const full = [...path, key];
        out.push(issueAt("error", source.file, locate(source, [...base, ...full], true), questionId, fieldName(full), "unknown field"));
      }
      continue;
    }
    out.push(issueAt("error", source.file, locate(source, [...base, ...path]), questionId, fieldName(path), issue.message));
  }
  return out;
}

function toQuestion(input: QuestionInput, topic: string, source: YamlSource, index: number): Question {
  const range = input.python === undefined ? undefined : parseVersionRange(input.python);
  const position = locate(source, ["questions", index]);
  return {
    id: input.id,
    topic,
    level: input.level,
    ...(range?.ok ? { python: range.range } : {}),
    prompt: input.prompt,
    ...(input.code !== undefined ? { code: input.code } : {}),
    options: input.options as Question["options"],
    answer: input.answer,
    explain: input.explain,
    ...(input.more !== undefined ? { more: input.more } : {}),
    source: input.source,
    ...(input.stdout !== undefined ? { stdout: input.stdout } : {}),
    location: { file: source.file, line: position.line, col: position.col },
  };
}

interface FileResult {
  readonly issues: BankIssue[];
  readonly topic?: Topic;
  readonly questions: Question[];
}

function parseFile(file: BankFile): FileResult {
  const { source, errors } = parseYamlSource(file.path, file.text);
  if (errors.length > 0) {
    const issues = errors.map((error) => {
      const context = guessContext(file.text, error.line);
      return issueAt("error", file.path, error, context.questionId, context.field, `YAML syntax: ${error.message}`);
    });
    return { issues, questions: [] };
  }
  const raw: unknown = source.doc.toJS();
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return { issues: zodIssues(source, [], "-", parsed.error), questions: [] };
  const issues: BankIssue[] = [];
  const expected = topicOfPath(file.path);
  if (parsed.data.topic !== expected) {
    issues.push(issueAt("error", file.path, locate(source, ["topic"]), "-", "topic", `is "${parsed.data.topic}" but the file is named ${expected}.yaml; they must match`));
  }
  const questions: Question[] = [];
  parsed.data.questions.forEach((rawQuestion, index) => {
    const rawId = (rawQuestion as { id?: unknown } | null)?.id;
    const questionId = typeof rawId === "string" ? rawId : `questions[${index}]`;
    const base = ["questions", index];
    // Most questions are plainly valid: the fast path skips zod for them and gives the same data.
    let input = quickQuestion(rawQuestion);
    if (input === undefined) {
      const result = questionSchema.safeParse(rawQuestion);
      if (!result.success) {
        issues.push(...zodIssues(source, base, questionId, result.error));
        return;
      }
      input = result.data;
    }
    const problems = checkQuestion(input, parsed.data.topic);
    for (const problem of problems) {
      issues.push(issueAt("error", file.path, locate(source, [...base, ...problem.path]), questionId, fieldName(problem.path), problem.message));
    }
    if (problems.length === 0) questions.push(toQuestion(input, parsed.data.topic, source, index));
  });
  return { issues, topic: { id: parsed.data.topic, title: parsed.data.title, file: file.path }, questions };
}

/**
 * Parses and validates every question file at once. All errors are reported
 * together, and a bank with any error is not loaded at all.
 */
export function parseBank(files: readonly BankFile[]): BankLoadResult {
  const issues: BankIssue[] = [];
  const questions: Question[] = [];
  const topics: Topic[] = [];
  const seen = new Map<string, Question>();
  for (const file of files) {
    const result = parseFile(file);
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
