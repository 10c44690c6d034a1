import type { QuestionInput } from "./schema.ts";
import { LANGS, type OptionText } from "./types.ts";
import { parseVersionRange } from "./version-range.ts";

/** A cross-field problem in one question: the field path and what is wrong. */
export interface FieldProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The checks that span several fields of one question, after its shape is valid. */
export function checkQuestion(question: QuestionInput, topic: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const [prefix, slug, ...rest] = question.id.split("/");
  if (prefix !== topic || slug === undefined || rest.length > 0) {
    problems.push({ path: ["id"], message: `must start with "${topic}/" (the topic) followed by a slug` });
  } else if (!SLUG.test(slug)) {
    problems.push({ path: ["id"], message: `slug "${slug}" must be kebab-case: lowercase letters, digits and dashes` });
  }
  const count = question.options.length;
  if (question.answer >= count) {
    problems.push({
      path: ["answer"],
      message: `${question.answer} is out of range: there are ${count} options, so it must be 0 to ${count - 1}`,
    });
  }
  problems.push(...duplicateOptions(question.options as OptionText[]));
  if (question.python !== undefined) {
    const range = parseVersionRange(question.python);
    if (!range.ok) problems.push({ path: ["python"], message: range.message });
  }
  if (question.code !== undefined && question.stdout === undefined) {
    problems.push({ path: ["stdout"], message: "is required when code is given: the exact expected output, checked by memquiz verify" });
  }
  if (question.stdout !== undefined && question.code === undefined) {
    problems.push({ path: ["stdout"], message: "is given without code: there is nothing to run" });
  }
  return problems;
}

function duplicateOptions(options: readonly OptionText[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const lang of LANGS) {
    const seen = new Map<string, number>();
    options.forEach((option, index) => {
      const text = (typeof option === "string" ? option : option[lang]).trim().toLowerCase();
      const first = seen.get(text);
      if (first === undefined) {
        seen.set(text, index);
      } else if (typeof option !== "string" || lang === LANGS[0]) {
        problems.push({
          path: typeof option === "string" ? ["options", index] : ["options", index, lang],
          message: `duplicates option ${first}`,
        });
      }
    });
  }
  return problems;
}
