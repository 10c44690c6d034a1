import { describe, expect, it } from "vitest";
import { answerData, nextData, parseCallbackData } from "../../../src/adapters/telegram/callback-data.ts";
import { commandMenu } from "../../../src/adapters/telegram/commands-menu.ts";
import { docToHtml } from "../../../src/adapters/telegram/markup.ts";
import { bold, code, mono, p, pre } from "../../../src/core/render/doc.ts";

describe("Telegram HTML", () => {
  it("escapes text and puts code in a python block", () => {
    expect(docToHtml([p(bold("a<b"), " & ", mono("x>y")), code("if a < b:\n    print('&')\n"), pre("# | x")])).toBe(
      '<b>a&lt;b</b> &amp; <code>x&gt;y</code>\n\n<pre><code class="language-python">if a &lt; b:\n    print(\'&amp;\')</code></pre>\n\n<pre># | x</pre>',
    );
  });
});

describe("callback data", () => {
  it("round-trips answer and next buttons within 64 bytes", () => {
    expect(parseCallbackData(answerData(2147483647 - 1, 12, 3))).toEqual({ kind: "answer", sessionId: 2147483646, number: 12, option: 3 });
    expect(parseCallbackData(nextData(5))).toEqual({ kind: "next", sessionId: 5 });
    expect(answerData(2147483646, 2147483646, 7).length).toBeLessThanOrEqual(64);
  });

  it("rejects forged, oversized and malformed data", () => {
    for (const bad of ["", "a:1:2", "a:1:2:34", "a:-1:2:3", "n:", "x:1", "a:99999999999:1:1", "n:1;DROP TABLE", "a".repeat(65), undefined]) {
      expect(parseCallbackData(bad), String(bad)).toBeUndefined();
    }
  });
});

describe("the command menu", () => {
  it("has every command in both languages with the usage stripped from the description", () => {
    const en = commandMenu("en");
    const ru = commandMenu("ru");
    expect(en.map((c) => c.command)).toEqual(["help", "practice", "review", "quiz", "stop", "daily", "top", "me", "settings", "lang", "report", "forget"]);
    expect(ru.map((c) => c.command)).toEqual(en.map((c) => c.command));
    expect(en.find((c) => c.command === "quiz")?.description).toBe("a timed round for everyone in the chat");
    expect(ru.find((c) => c.command === "practice")?.description).toBe("вопросы по одному, под ваш уровень");
    expect(en.find((c) => c.command === "top")?.description).toBe("the leaderboard");
    expect(ru.find((c) => c.command === "forget")?.description).toBe("удалить всё, что memquiz хранит о вас");
  });
});
