import { Schema, Type } from "js-yaml";

// The YAML 1.2 core schema's rules for plain (unquoted) scalars, as the spec
// states them (YAML 1.2.2, section 10.3.2); anything else is a string. This is
// what the `yaml` library resolves by default. js-yaml's own CORE_SCHEMA is
// wider: it also reads `1_000`, `0b1`, `+0x1F` and the like as numbers.
const NULL = /^(?:~|null|Null|NULL|)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

/** The tag of every type below: private, so an explicit `!!int` stays unknown to js-yaml and it throws. */
export const CORE_SCALAR_TAG_PREFIX = "tag:memquiz.local,2025:core-";

function plain(name: string, pattern: RegExp, construct: (text: string) => unknown): Type {
  return new Type(`${CORE_SCALAR_TAG_PREFIX}${name}`, {
    kind: "scalar",
    resolve: (data: unknown) => typeof data === "string" && pattern.test(data),
    construct,
  });
}

function integer(text: string): number {
  if (text.startsWith("0o")) return Number.parseInt(text.slice(2), 8);
  if (text.startsWith("0x")) return Number.parseInt(text.slice(2), 16);
  return Number.parseInt(text, 10);
}

function float(text: string): number {
  if (NAN.test(text)) return Number.NaN;
  if (INFINITY.test(text)) return text.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return Number.parseFloat(text);
}

/**
 * A js-yaml schema that reads plain scalars exactly like the YAML 1.2 core
 * schema: null, booleans, base 10/8/16 integers and floats. It has no explicit
 * types, so any tag in the file (`!!str`, `!!int`, `!foo`) makes js-yaml throw.
 */
export const CORE_SCALARS_SCHEMA = new Schema({
  implicit: [
    plain("null", NULL, () => null),
    plain("bool", BOOL, (text) => text.startsWith("t") || text.startsWith("T")),
    plain("int", new RegExp(`${DECIMAL.source}|${OCTAL.source}|${HEX.source}`), integer),
    plain("float", new RegExp(`${FLOAT.source}|${INFINITY.source}|${NAN.source}`), float),
  ],
});
