import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseBank, type BankFile, type BankLoadResult } from "../core/bank/index.ts";

/** Thrown when the questions folder itself can't be read (missing, not a folder). */
export class QuestionFolderError extends Error {
  override readonly name = "QuestionFolderError";
  constructor(
    readonly dir: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Reads every `*.yaml` file in a folder, sorted by name, with paths relative to the working directory. */
export function readBankFiles(dir: string): BankFile[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new QuestionFolderError(dir, `${dir} is not a folder`);
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof QuestionFolderError) throw error;
    throw new QuestionFolderError(dir, `can't read the questions folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const full = join(dir, name);
      const shown = relative(process.cwd(), full);
      return { path: shown.startsWith("..") ? full : shown, text: readFileSync(full, "utf8") };
    });
}

/** Loads and validates the question bank from a folder: all of it, or none with every error. */
export function loadBankFromDir(dir: string): BankLoadResult {
  return parseBank(readBankFiles(dir));
}
