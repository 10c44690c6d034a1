import type { z } from "zod";
import { fieldName, issueAt } from "./issues.ts";
import { checkQuestion } from "./question-checks.ts";
import { quickQuestion } from "./quick-question.ts";
import { fileSchema, questionSchema, type QuestionInput } from "./schema.ts";
import type { BankIssue, Question, Topic } from "./types.ts";
import { parseVersionRange } from "./version-range.ts";
import type { Position } from "./yaml-source.ts";

/**
 * The position of a path in a file (`["questions", 3, "prompt"]`); with
 * `atKey`, of the last step's key rather than its value.
 */
export type Locator = (path: readonly PropertyKey[], atKey?: boolean) => Position;

/** What one file adds to the bank: its issues, its topic and its valid questions. */
export interface FileResult {
  readonly issues: BankIssue[];
  readonly topic?: Topic;
  readonly questions: Question[];
}

/** The topic a file must declare: its name without folder and `.yaml`. */
export function topicOfPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.ya?ml$/, "");
}

function zodIssues(file: string, locate: Locator, base: readonly PropertyKey[], questionId: string, error: z.ZodError): BankIssue[] {
  const out: BankIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const full = [...path, key];
        out.push(issueAt("error", file, locate([...base, ...full], true), questionId, fieldName(full), "unknown field"));
      }
      continue;
    }
    out.push(issueAt("error", file, locate([...base, ...path]), questionId, fieldName(path), issue.message));
  }
  return out;
}

function toQuestion(input: QuestionInput, topic: string, file: string, position: Position): Question {
  const range = input.python === undefined ? undefined : parseVersionRange(input.python);
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
    location: { file, line: position.line, col: position.col },
  };
}

/**
 * Validates the value of a question file (`raw`, as YAML gives it): the
 * file's fields, then each question. Positions come from `locate`.
 */
export function checkFile(file: string, raw: unknown, locate: Locator): FileResult {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return { issues: zodIssues(file, locate, [], "-", parsed.error), questions: [] };
  const issues: BankIssue[] = [];
  const expected = topicOfPath(file);
  if (parsed.data.topic !== expected) {
    issues.push(issueAt("error", file, locate(["topic"]), "-", "topic", `is "${parsed.data.topic}" but the file is named ${expected}.yaml; they must match`));
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
        issues.push(...zodIssues(file, locate, base, questionId, result.error));
        return;
      }
      input = result.data;
    }
    const problems = checkQuestion(input, parsed.data.topic);
    for (const problem of problems) {
      issues.push(issueAt("error", file, locate([...base, ...problem.path]), questionId, fieldName(problem.path), problem.message));
    }
    if (problems.length === 0) questions.push(toQuestion(input, parsed.data.topic, file, locate(base)));
  });
  return { issues, topic: { id: parsed.data.topic, title: parsed.data.title, file }, questions };
}
