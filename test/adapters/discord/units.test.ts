import { describe, expect, it } from "vitest";
import { commandBodies } from "../../../src/adapters/discord/commands/index.ts";
import { parseCustomId, practiceAnswerId, practiceNextId, roundAnswerId } from "../../../src/adapters/discord/custom-ids.ts";
import { docToMarkdown } from "../../../src/adapters/discord/markup.ts";
import { bold, code, mono, p, pre } from "../../../src/core/render/doc.ts";
import { loadGameBank } from "../../helpers/harness.ts";

describe("Discord markdown", () => {
  it("escapes markdown and fences code as python", () => {
    expect(docToMarkdown([p(bold("__init__"), " *x*"), p(mono("a`b")), code("print('```')\n"), pre("# a")])).toBe(
      "**\\_\\_init\\_\\_** \\*x\\*\n\n`aˋb`\n\n```python\nprint('`\u200b``')\n```\n\n```\n# a\n```",
    );
  });
});

describe("button custom ids", () => {
  it("round-trips every kind", () => {
    expect(parseCustomId(practiceAnswerId(7, 2, 3))).toEqual({ kind: "practice-answer", sessionId: 7, number: 2, option: 3 });
    expect(parseCustomId(practiceNextId(7))).toEqual({ kind: "practice-next", sessionId: 7 });
    expect(parseCustomId(roundAnswerId(9, 0, 1))).toEqual({ kind: "round-answer", sessionId: 9, index: 0, option: 1 });
  });

  it("rejects forged and malformed ids", () => {
    for (const bad of ["", "mq:a:1:2", "mq:x:1:2:3", "mq:r:1:2:34", "mq:n:abc", "mq:a:99999999999:1:1", `mq:n:${"9".repeat(200)}`]) {
      expect(parseCustomId(bad), bad).toBeUndefined();
    }
  });
});

describe("slash command registration bodies", () => {
  const bodies = commandBodies(loadGameBank()) as { name: string; description: string; name_localizations: Record<string, string>; description_localizations: Record<string, string>; options?: { name: string; choices?: { value: string }[] }[] }[];

  it("offers every command with Russian names and descriptions within Discord's limits", () => {
    expect(bodies.map((b) => b.name)).toEqual(["practice", "review", "quiz", "stop", "daily", "top", "me", "settings", "lang", "report", "forget", "help"]);
    for (const body of bodies) {
      expect(body.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(body.name_localizations.ru).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(body.description.length).toBeGreaterThan(0);
      expect(body.description.length).toBeLessThanOrEqual(100);
      expect(body.description_localizations.ru?.length).toBeGreaterThan(0);
    }
  });

  it("offers the bank's topics and the leaderboard periods as choices", () => {
    const quiz = bodies.find((b) => b.name === "quiz");
    expect(quiz?.options?.map((o) => o.name)).toEqual(["questions", "topic"]);
    expect(quiz?.options?.[1]?.choices?.map((c) => c.value)).toEqual(["alpha", "beta"]);
    expect(bodies.find((b) => b.name === "top")?.options?.[0]?.choices?.map((c) => c.value)).toEqual(["week", "month", "all", "last-week", "last-month"]);
  });
});
