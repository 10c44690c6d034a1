/** Languages the bot speaks; every per-language text carries all of them. */
export const LANGS = ["en", "ru"] as const;

/** A supported UI and question language. */
export type Lang = (typeof LANGS)[number];

/** Text given once per language. */
export type Localized = Readonly<Record<Lang, string>>;

/** An option: a plain string is language-neutral (code output), otherwise per language. */
export type OptionText = string | Localized;

/** A comparator in a `python:` version range, such as `>=3.4`. */
export interface VersionComparator {
  readonly op: ">=" | "<=" | ">" | "<" | "==" | "!=";
  readonly version: readonly number[];
}

/** A parsed `python:` range: every comparator must hold. */
export interface VersionRange {
  readonly text: string;
  readonly comparators: readonly VersionComparator[];
}

/** Difficulty prior from the question file: 1 easy, 2 medium, 3 hard. */
export type Level = 1 | 2 | 3;

/** Where a question was defined, for error messages and reports. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** One quiz question, validated and frozen. */
export interface Question {
  readonly id: string;
  readonly topic: string;
  readonly level: Level;
  readonly python?: VersionRange;
  readonly prompt: Localized;
  readonly code?: string;
  readonly options: readonly OptionText[];
  readonly answer: number;
  readonly explain: Localized;
  readonly more?: Localized;
  readonly source: string;
  readonly stdout?: string;
  readonly location: SourceLocation;
}

/** A topic, one per question file. */
export interface Topic {
  readonly id: string;
  readonly title: Localized;
  readonly file: string;
}

/** The loaded question bank: immutable and indexed by id, topic and level. */
export interface Bank {
  readonly questions: readonly Question[];
  readonly topics: readonly Topic[];
  /** The question with this id, if any. */
  byId(id: string): Question | undefined;
  /** The questions of one topic, in file order (empty for an unknown topic). */
  byTopic(topic: string): readonly Question[];
  /** The questions of one level, in bank order. */
  byLevel(level: Level): readonly Question[];
  /** The topic with this id, if any. */
  topic(id: string): Topic | undefined;
}

/** One problem found in a question file, located precisely. */
export interface BankIssue {
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** The question id, or `-` for a file-level problem. */
  readonly questionId: string;
  /** The field path inside the question, such as `options[2].ru`. */
  readonly field: string;
  readonly message: string;
}

/** The text of an option or localized string in one language. */
export function textIn(text: OptionText, lang: Lang): string {
  return typeof text === "string" ? text : text[lang];
}
