import { describe, expect, it } from "vitest";
import { truncateHtml, truncatePlain } from "../../../src/adapters/telegram/length-guard.ts";
import { parseTelegramHtml } from "../../fakes/telegram/html-check.ts";

// Guards the last-resort cut of over-long messages: a cut inside a tag, a character reference or
// a surrogate pair, or one that leaves a tag open, would be refused by Telegram's HTML parser.

describe("truncateHtml", () => {
  it("leaves text within the limit as it is", () => {
    expect(truncateHtml("<b>a &amp; b</b>", 5)).toBe("<b>a &amp; b</b>");
  });

  it("counts what Telegram counts, never cuts inside a reference, and closes the open tags", () => {
    const html = `<b>Итоги</b>\n\n<pre>${"&lt;игрок&gt; 🐍\n".repeat(500)}</pre>`;
    for (const limit of [10, 11, 12, 13, 100, 1024, 4096]) {
      const cut = truncateHtml(html, limit);
      const parsed = parseTelegramHtml(cut);
      expect(parsed.text.length).toBeLessThanOrEqual(limit);
      expect(parsed.text.endsWith("…")).toBe(true);
      expect(cut.endsWith("…</pre>")).toBe(true);
      // No half of a surrogate pair is left at the cut.
      expect(parsed.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it("cuts plain text without splitting an emoji", () => {
    expect(truncatePlain("ab🐍cd", 4)).toBe("ab…");
    expect(truncatePlain("abc", 3)).toBe("abc");
  });
});
