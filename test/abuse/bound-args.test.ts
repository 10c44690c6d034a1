import { describe, expect, it } from "vitest";
import { boundArgs, MAX_ARGS_LENGTH, parseCommand } from "../../src/core/game/commands.ts";

// Guards against a reply that quotes a huge argument ("There is no topic …") being too long for Telegram (found by fuzz-telegram).
describe("boundArgs", () => {
  it("keeps ordinary commands as they are, a long topic list included", () => {
    const cmd = parseCommand(`/settings topics ${"topic-name,".repeat(20)}`)!;
    expect(boundArgs(cmd)).toBe(cmd);
  });

  it("cuts the arguments to MAX_ARGS_LENGTH characters in all and keeps the free text", () => {
    const cmd = parseCommand(`/quiz ${"x".repeat(5000)} ${"y ".repeat(3000)}`)!;
    const bounded = boundArgs(cmd);
    expect(bounded.args).toEqual([`${"x".repeat(MAX_ARGS_LENGTH - 1)}…`]);
    expect(bounded.rest).toBe(cmd.rest);
    expect(boundArgs(parseCommand(`/daily ${"ab ".repeat(400)}`)!).args.join("").length).toBeLessThanOrEqual(MAX_ARGS_LENGTH);
  });
});
