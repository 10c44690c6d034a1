import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findUnfixedSql } from "./sql-literals.ts";

// Guarantee 7, second half: SQL is only ever run with bound parameters. Every
// `prepare`, `exec` and `pragma` in src/storage must get SQL whose text is fixed
// in the source (literals, and named constants holding literals), so values can
// only reach SQLite as `?` / `@name` parameters. The few places that run SQL
// the checker can't follow are listed here, each with the reason it is safe.

const STORAGE = resolve("src/storage");

/** Reviewed exceptions: `file:argument` and why no user input can reach it. */
const ALLOWED: Readonly<Record<string, string>> = {
  "migrations.ts:migration.sql":
    "the text of a migration file from the migrations folder that ships with the code (listed and ordered by file name); no request data reaches it",
};

function storageFiles(): string[] {
  return (readdirSync(STORAGE, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => join(STORAGE, f));
}

const keyOf = (finding: { file: string; argument: string }) => `${relative(STORAGE, finding.file)}:${finding.argument}`;

describe("SQL is only run with bound parameters", () => {
  it("runs only SQL that is fixed in the source, apart from the reviewed exceptions", () => {
    const files = storageFiles();
    expect(files.length).toBeGreaterThan(10);
    const findings = findUnfixedSql(files);
    // A new interpolation fails here; so does an exception that is no longer needed.
    expect(findings.map(keyOf).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it("catches a value interpolated into SQL, concatenated, or passed in a variable", () => {
    const file = join(STORAGE, "fixture-unsafe.ts");
    const text = [
      'const FIXED = "id, name";',
      "const PAGE = 8 * 1024;",
      "export const QUERIES = { byId: `SELECT ${FIXED} FROM users WHERE id = ?` } as const;",
      "export function unsafe(db: Db, userValue: string, sql: string) {",
      "  db.prepare(`SELECT ${FIXED} FROM users WHERE name = '${userValue}'`);",
      '  db.prepare("SELECT * FROM users WHERE name = \'" + userValue + "\'");',
      "  db.exec(sql);",
      "  db.pragma(`cache_size = ${userValue.length}`);",
      "  let table = 'users';",
      "  db.prepare(`SELECT * FROM ${table}`);",
      "  db.prepare(`SELECT ${FIXED} FROM users WHERE name = ?`).get(userValue);",
      "  db.prepare(QUERIES.byId).get(1);",
      "  db.pragma(`cache_size = -${PAGE}`);",
      "  /^(\\d+)/.exec(userValue);",
      "}",
    ].join("\n");
    const found = findUnfixedSql([file], { [file]: text });
    expect(found.map((f) => `${f.line} ${f.method} ${f.argument}`)).toEqual([
      "5 prepare `SELECT ${FIXED} FROM users WHERE name = '${userValue}'`",
      `6 prepare "SELECT * FROM users WHERE name = '" + userValue + "'"`,
      "7 exec sql",
      "8 pragma `cache_size = ${userValue.length}`",
      "10 prepare `SELECT * FROM ${table}`",
    ]);
  });

  it("follows a constant imported from another storage file", () => {
    const [a, b] = [join(STORAGE, "fixture-a.ts"), join(STORAGE, "fixture-b.ts")];
    const found = findUnfixedSql([a], {
      [a]: 'import { COLS, name } from "./fixture-b.ts";\ndb.prepare(`SELECT ${COLS} FROM t`);\ndb.prepare(`SELECT * FROM ${name}`);',
      [b]: 'export const COLS = "a, b";\nexport let name = "t";',
    });
    expect(found.map((f) => f.argument)).toEqual(["`SELECT * FROM ${name}`"]);
  });
});
