import { describe, expect, it } from "vitest";
import { embedSize, fitMessageBody, truncateMarkdown } from "../../../src/adapters/discord/body-limits.ts";

// Guards the last-resort cut of over-long Discord messages: it must fit every limit Discord
// checks (2,000 content, 4,096 per description, 6,000 for all embeds) and keep markdown whole.

describe("truncateMarkdown", () => {
  it("leaves text within the limit as it is", () => {
    expect(truncateMarkdown("**a**", 5)).toBe("**a**");
  });

  it("closes a code fence left open, and never leaves half an emoji or a dangling escape", () => {
    const fenced = truncateMarkdown(`\`\`\`\n${"🐍 игрок\n".repeat(400)}\`\`\``, 2000);
    expect(fenced.length).toBeLessThanOrEqual(2000);
    expect(fenced.endsWith("\n```…")).toBe(true);
    for (let limit = 10; limit < 40; limit++) {
      const cut = truncateMarkdown("ab🐍\\*\\_".repeat(20), limit);
      expect(cut.length).toBeLessThanOrEqual(limit);
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(cut).not.toMatch(/(^|[^\\])(\\\\)*\\…$/);
    }
  });
});

describe("fitMessageBody", () => {
  it("cuts descriptions from the last embed back until all embeds fit 6,000, and reports it once", () => {
    const cuts: string[] = [];
    const body = fitMessageBody({ embeds: [{ description: "a".repeat(3000) }, { description: "b".repeat(5000) }], components: [] }, (what) => cuts.push(what));
    expect(body.embeds.map(embedSize).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6000);
    expect(body.embeds[0]?.description).toBe("a".repeat(3000));
    expect(body.components).toEqual([]);
    expect(cuts).toEqual(["embeds of 8000 characters"]);
  });

  it("passes a body within the limits through untouched", () => {
    const body = { content: "ok", embeds: [{ description: "fine" }] };
    expect(fitMessageBody(body, () => expect.unreachable())).toBe(body);
  });
});
