/** The question bank: types, the pure parser and validator, and version ranges. */
export * from "./types.ts";
export { parseBank, topicOfPath, type BankFile, type BankLoadResult, type ParseBankOptions } from "./parse-bank.ts";
export { formatIssue, sortIssues } from "./issues.ts";
export { LIMITS } from "./schema.ts";
export { parseVersion, parseVersionRange, versionInRange, type VersionRangeResult } from "./version-range.ts";
export { bankSummary, type BankSummary } from "./summary.ts";
