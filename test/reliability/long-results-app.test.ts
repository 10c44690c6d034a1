import { describe, expect, it } from "vitest";
import { docToMarkdown } from "../../src/adapters/discord/markup.ts";
import { visibleLength } from "../../src/adapters/telegram/card-photo.ts";
import { docToHtml } from "../../src/adapters/telegram/markup.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import type { DailyRevealPayload, OutboxPayload, RoundQuestionPayload, SeasonResultsPayload } from "../../src/core/game/outbox-payload.ts";
import { renderLeaderboard, leaderboardView } from "../../src/core/render/boards.ts";
import { toPlainText, type Doc } from "../../src/core/render/doc.ts";
import { MAX_LISTED_PLAYERS } from "../../src/core/render/limits.ts";
import { renderOutboxDoc } from "../../src/core/render/outbox.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";
import { crowdAnswers, crowdName } from "./crowd.ts";

// Guards against results and standings that list every player: with about 100 players they went
// over Telegram's 4,096 characters (Discord's 2,000), were refused on every attempt and held up
// the chat's outbox. Every list is now cut to its head and a count of the rest.

const GROUP = "t:g-crowd";
const PLAYERS = 5_000;
const cmd = (text: string) => parseCommand(text) ?? (() => { throw new Error(text); })();

/** The doc fits every platform's smallest limit: Telegram text and Discord content. */
function expectFits(doc: Doc): void {
  expect(visibleLength(docToHtml(doc))).toBeLessThanOrEqual(4096);
  expect(docToMarkdown(doc).length).toBeLessThanOrEqual(2000);
}

describe("a round with 5,000 players", () => {
  it("posts results and standings that fit every platform, naming the fastest and counting the rest", async () => {
    const h = createHarness();
    await h.app.command(ctxFor("t:starter", GROUP), cmd("/quiz 1"));
    await h.runtime.settle();
    const question = h.sent[0]?.payload as RoundQuestionPayload;
    const q = h.bank.byId(question.questionId)!;
    const right = crowdAnswers(h.app, h.store, { chatId: GROUP, userPrefix: "t:", count: PLAYERS, answer: q.answer, options: q.options.length, openedAt: question.openedAt });
    h.time.advance(30_000);
    await h.runtime.idle();

    const sent = (type: OutboxPayload["type"]) => h.sent.find((s) => s.payload.type === type)?.payload as OutboxPayload;
    const results = renderOutboxDoc(sent("round-results"), h.bank, "letters", true);
    expectFits(results);
    const text = toPlainText(results);
    // The fastest right answer (player 0) comes first; the list stops at the cap and counts the rest.
    expect(text).toContain(`1. ${crowdName(0)} — 1.0 s`);
    expect(text).toContain(`${MAX_LISTED_PLAYERS}. `);
    expect(text).not.toContain(`${MAX_LISTED_PLAYERS + 1}. `);
    expect(text).toContain(`…and ${right - MAX_LISTED_PLAYERS} more players.`);
    expect(text).toContain(`${PLAYERS} players answered.`);

    const standings = renderOutboxDoc(sent("round-finished"), h.bank, "letters", true);
    expectFits(standings);
    expect(toPlainText(standings)).toContain(`…and ${PLAYERS - MAX_LISTED_PLAYERS} more players.`);

    // The same messages in Russian (Cyrillic counts as characters on both platforms).
    const ru = renderOutboxDoc({ ...sent("round-results"), lang: "ru" } as OutboxPayload, h.bank, "letters", true);
    expectFits(ru);
    expect(toPlainText(ru)).toContain(`…и ещё ${right - MAX_LISTED_PLAYERS} игроков.`);
    const ruStandings = renderOutboxDoc({ ...sent("round-finished"), lang: "ru" } as OutboxPayload, h.bank, "letters", true);
    expectFits(ruStandings);
    expect(toPlainText(ruStandings)).toContain(`…и ещё ${PLAYERS - MAX_LISTED_PLAYERS} игроков.`);

    // /top over the same 5,000 players.
    const top = await h.app.command(ctxFor("t:100002", GROUP), cmd("/top"));
    const topDoc = top.find((r) => r.type === "doc");
    expect(topDoc?.type).toBe("doc");
    if (topDoc?.type === "doc") expectFits(topDoc.doc);
  });

  it("cuts daily reveals, season results and leaderboards given more rows than they should be", () => {
    const h = createHarness();
    const q = h.bank.questions[0]!;
    const crowd = Array.from({ length: PLAYERS }, (_, i) => ({ userId: `t:${i}`, name: crowdName(i), points: PLAYERS - i, streak: 3 }));
    for (const lang of ["en", "ru"] as const) {
      const reveal: DailyRevealPayload = { type: "daily-reveal", lang, sessionId: 1, questionId: q.id, date: "2026-11-25", answered: PLAYERS, correctCount: PLAYERS, correct: crowd };
      const season: SeasonResultsPayload = { type: "season-results", lang, period: "week", key: "2026-W48", standings: crowd };
      expectFits(renderOutboxDoc(reveal, h.bank, "letters", true));
      expectFits(renderOutboxDoc(season, h.bank, "letters", true));
      const view = leaderboardView("week", false, crowd, { rank: 4_999, points: 2, players: PLAYERS }, "t:4998");
      expectFits(renderLeaderboard(view, lang));
    }
  });
});
