import { z } from "zod";
import { LANGS, type Lang } from "./types.ts";

/** Platform limits on text that the loader enforces, with the reason for each. */
export const LIMITS = {
  prompt: { max: 300, why: "Telegram poll questions hold at most 300 characters" },
  option: { max: 100, why: "Telegram poll options hold at most 100 characters" },
  buttonLabel: { max: 80, why: "Discord button labels hold at most 80 characters" },
  explain: { max: 200, why: "Telegram quiz explanations hold at most 200 characters" },
  title: { max: 100, why: "topic titles are shown in menus" },
  more: { max: 3000, why: "longer explanations are sent as one message" },
} as const;

type Limit = (typeof LIMITS)[keyof typeof LIMITS];

const LANG_NAMES: Record<Lang, string> = { en: "English", ru: "Russian" };

function required(what: string) {
  return (issue: { input: unknown; code?: string; keys?: string[] }) => {
    if (issue.code === "unrecognized_keys") return `unknown field(s): ${(issue.keys ?? []).join(", ")}`;
    return issue.input === undefined ? "is required" : `must be ${what}`;
  };
}

/** Whether a text has anything but whitespace: the rule behind "must not be empty". */
export function hasText(text: string): boolean {
  return text.trim().length > 0;
}

/** A non-empty string within a platform limit. */
export function limitedText(limit: Limit, missing = "is required") {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : "must be a string") })
    .refine(hasText, { error: "must not be empty" })
    .refine((text) => text.length <= limit.max, {
      error: (issue) => `is ${String((issue.input as string).length)} characters; at most ${limit.max} (${limit.why})`,
    });
}

/** Text given in every language: `{ en: ..., ru: ... }`. */
export function localized(limit: Limit) {
  const shape = Object.fromEntries(
    LANGS.map((lang) => [lang, limitedText(limit, `missing the ${LANG_NAMES[lang]} (${lang}) text`)]),
  ) as Record<Lang, ReturnType<typeof limitedText>>;
  return z.strictObject(shape, { error: required("a map of texts per language: { en: ..., ru: ... }") });
}

const plainOption = limitedText(LIMITS.option);
const localizedOption = localized(LIMITS.option);

/** An option: a plain (language-neutral) string, or text per language; checked by hand for precise errors. */
const option = z.unknown().superRefine((value, ctx) => {
  const schema = typeof value === "string" ? plainOption : localizedOption;
  const result = schema.safeParse(value);
  if (result.success) {
    const texts = typeof value === "string" ? [["", value]] : Object.entries(value as Record<string, string>);
    for (const [lang, text] of texts) {
      if (text !== undefined && text.length > LIMITS.buttonLabel.max) {
        ctx.addIssue({
          code: "custom",
          path: lang ? [lang] : [],
          message: `is ${text.length} characters; at most ${LIMITS.buttonLabel.max} (${LIMITS.buttonLabel.why})`,
        });
      }
    }
    return;
  }
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: "custom", path: issue.path as PropertyKey[], message: issue.message });
  }
});

/** A question's `source`: an http(s) URL. */
export const sourceUrl = z.url({ protocol: /^https?$/, error: required("an http(s) URL") });

/** The fields of one question, before cross-field checks. */
export const questionSchema = z.strictObject(
  {
    id: z.string({ error: required("a string like <topic>/<slug>") }),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: required("1, 2 or 3") }),
    python: z.string({ error: required('a version range string like ">=3.4"') }).optional(),
    prompt: localized(LIMITS.prompt),
    code: z.string({ error: required("a string (use a YAML block: `code: |`)") }).optional(),
    options: z
      .array(option, { error: required("a list of 2 to 8 options") })
      .min(2, { error: "must have at least 2 options" })
      .max(8, { error: "must have at most 8 options" }),
    answer: z.int({ error: required("the 0-based index of the correct option") }).min(0, { error: "must not be negative" }),
    explain: localized(LIMITS.explain),
    more: localized(LIMITS.more).optional(),
    source: sourceUrl,
    stdout: z.string({ error: required("a string (the exact expected output)") }).optional(),
  },
  { error: required("a mapping of question fields") },
);

/** A validated question as written in the file. */
export type QuestionInput = z.infer<typeof questionSchema>;

/** The top level of a question file; questions are checked one by one. */
export const fileSchema = z.strictObject(
  {
    topic: z
      .string({ error: required("the topic id, equal to the file name") })
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be kebab-case, like cyclic-gc" }),
    title: localized(LIMITS.title),
    questions: z
      .array(z.unknown(), { error: required("a list of questions") })
      .min(1, { error: "must list at least one question" }),
  },
  { error: required("a mapping with topic, title and questions") },
);
