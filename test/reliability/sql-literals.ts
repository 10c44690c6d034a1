import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";

/** A call that runs SQL whose text is not a literal the checker could follow. */
export interface SqlFinding {
  readonly file: string;
  readonly line: number;
  /** `prepare`, `exec` or `pragma`. */
  readonly method: string;
  /** The argument's source text, e.g. "migration.sql". */
  readonly argument: string;
}

const SQL_METHODS = new Set(["prepare", "exec", "pragma"]);

/** Operators whose result is fixed when both operands are (`"a" + B`, `8 * 1024`). */
const ARITHMETIC = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken]);

/** Source files by path, parsed once; `text` overrides the disk (for the fixture checks). */
type Sources = (path: string) => ts.SourceFile | undefined;

function diskSources(overrides: Readonly<Record<string, string>>): Sources {
  const cache = new Map<string, ts.SourceFile | undefined>();
  return (path) => {
    if (!cache.has(path)) {
      const text = overrides[path] ?? (existsSync(path) ? readFileSync(path, "utf8") : undefined);
      cache.set(path, text === undefined ? undefined : ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true));
    }
    return cache.get(path);
  };
}

/** The initializer of a module-level `const name = …` in `file`, following one import (`import { name } from "./x.ts"`). */
function constInitializer(name: string, file: ts.SourceFile, sources: Sources): { init: ts.Expression; file: ts.SourceFile } | undefined {
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === name && decl.initializer) return { init: decl.initializer, file };
      }
    }
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text.startsWith(".")) {
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      const element = bindings.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const target = sources(resolve(dirname(file.fileName), statement.moduleSpecifier.text));
      return target && constInitializer((element.propertyName ?? element.name).text, target, sources);
    }
  }
  return undefined;
}

/** Strips `as const`, `satisfies …` and parentheses. */
function unwrap(node: ts.Expression): ts.Expression {
  while (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/**
 * Whether an expression's value is fixed in the source: a string or number
 * literal, a template whose every `${}` is such a value, `+` (or other
 * arithmetic) of them, or a
 * named constant (or a property of a constant object literal) holding one.
 * Anything computed at run time is not, so it could carry user input.
 */
function isFixed(node: ts.Expression, file: ts.SourceFile, sources: Sources, depth = 0): boolean {
  if (depth > 10) return false;
  node = unwrap(node);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return true;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) return ts.isNumericLiteral(node.operand);
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((span) => isFixed(span.expression, file, sources, depth + 1));
  if (ts.isBinaryExpression(node) && ARITHMETIC.has(node.operatorToken.kind)) {
    return isFixed(node.left, file, sources, depth + 1) && isFixed(node.right, file, sources, depth + 1);
  }
  if (ts.isIdentifier(node)) {
    const found = constInitializer(node.text, file, sources);
    return found !== undefined && isFixed(found.init, found.file, sources, depth + 1);
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const found = constInitializer(node.expression.text, file, sources);
    const object = found && unwrap(found.init);
    if (!found || !object || !ts.isObjectLiteralExpression(object)) return false;
    const property = object.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === node.name.text);
    return property !== undefined && ts.isPropertyAssignment(property) && isFixed(property.initializer, found.file, sources, depth + 1);
  }
  return false;
}

/** Whether `receiver` is a constant regular expression (its `exec` runs no SQL). */
function isRegExp(receiver: ts.Expression, file: ts.SourceFile, sources: Sources): boolean {
  if (ts.isRegularExpressionLiteral(receiver)) return true;
  const found = ts.isIdentifier(receiver) ? constInitializer(receiver.text, file, sources) : undefined;
  return found !== undefined && ts.isRegularExpressionLiteral(unwrap(found.init));
}

/**
 * Every `.prepare(…)`, `.exec(…)` and `.pragma(…)` in `files` whose SQL is not
 * fixed in the source (see `isFixed`). `overrides` replaces files' text, so a
 * test can check the checker on a fixture.
 */
export function findUnfixedSql(files: readonly string[], overrides: Readonly<Record<string, string>> = {}): SqlFinding[] {
  const sources = diskSources(overrides);
  const findings: SqlFinding[] = [];
  for (const path of files) {
    const file = sources(path);
    if (!file) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SQL_METHODS.has(node.expression.name.text)) {
        const [sql] = node.arguments;
        if (sql && !isRegExp(node.expression.expression, file, sources) && !isFixed(sql, file, sources)) {
          const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          findings.push({ file: path, line, method: node.expression.name.text, argument: sql.getText(file) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return findings;
}
