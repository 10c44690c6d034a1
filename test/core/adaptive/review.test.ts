import { describe, expect, it } from "vitest";
import { dueOrder, isDue, nextDue, retrievability, reviewCard, reviewCardSchema, shouldServeReview, type ReviewCard } from "../../../src/core/adaptive/index.ts";
import { createSeededRng } from "../../../src/core/rng.ts";

const MIN = 60_000;
const DAY = 86_400_000;
const t0 = Date.UTC(2026, 4, 1, 9, 0);

function missed(at: number): ReviewCard {
  const card = reviewCard(undefined, false, at);
  if (card === undefined) throw new Error("a miss must create a card");
  return card;
}

describe("spaced review", () => {
  it("turns a wrong answer into a card that is due soon", () => {
    const card = missed(t0);
    expect(card.lapses).toBe(0);
    expect(card.reps).toBe(1);
    expect(card.due).toBeGreaterThan(t0);
    expect(card.due).toBeLessThanOrEqual(t0 + 10 * MIN);
    expect(isDue(card, t0)).toBe(false);
    expect(isDue(card, t0 + 10 * MIN)).toBe(true);
  });

  it("makes no card for a right answer to a question that has none", () => {
    expect(reviewCard(undefined, true, t0)).toBeUndefined();
  });

  it("pushes a card out after a good review, further each time", () => {
    const first = missed(t0);
    const good = reviewCard(first, true, first.due);
    expect(good.due).toBeGreaterThan(first.due);
    expect(good.due - first.due).toBeGreaterThanOrEqual(DAY);
    const better = reviewCard(good, true, good.due);
    expect(better.due - good.due).toBeGreaterThan(good.due - first.due);
  });

  it("lapses a learned card on a miss and brings it back soon", () => {
    const learned = reviewCard(reviewCard(missed(t0), true, t0 + 10 * MIN), true, t0 + 5 * DAY);
    const lapsed = reviewCard(learned, false, t0 + 20 * DAY);
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.due).toBeLessThanOrEqual(t0 + 20 * DAY + 10 * MIN);
  });

  it("forgets over fractional days, so cards reviewed on the same day still order", () => {
    const card = reviewCard(missed(t0), true, t0 + 10 * MIN);
    const soon = retrievability(card, card.lastReview! + 2 * 3_600_000);
    const later = retrievability(card, card.lastReview! + 10 * 3_600_000);
    expect(soon).toBeLessThan(1);
    expect(later).toBeLessThan(soon);
  });

  it("orders due cards by lowest retrievability first and leaves out those not due", () => {
    const weak = { questionId: "weak", card: missed(t0) };
    const strong = { questionId: "strong", card: reviewCard(reviewCard(missed(t0 - 30 * DAY), true, t0 - 30 * DAY + 10 * MIN), true, t0 - 20 * DAY) };
    const fresh = { questionId: "fresh", card: missed(t0 + 2 * DAY) };
    const now = t0 + 2 * DAY + MIN;
    expect(dueOrder([strong, fresh, weak], now).map((x) => x.questionId)).toEqual(["weak", "strong"]);
    expect(nextDue([strong, fresh, weak])).toBe(Math.min(weak.card.due, strong.card.due, fresh.card.due));
    expect(nextDue([])).toBeUndefined();
  });

  it("round-trips a card through JSON and its schema", () => {
    const card = reviewCard(missed(t0), true, t0 + 10 * MIN);
    const back = reviewCardSchema.parse(JSON.parse(JSON.stringify(card)));
    expect(back).toEqual(card);
    expect(reviewCard(back, true, back.due)).toEqual(reviewCard(card, true, card.due));
  });

  it("sends about 30% of practice picks to due cards, and none when nothing is due", () => {
    const rng = createSeededRng(7);
    let served = 0;
    for (let i = 0; i < 10_000; i++) if (shouldServeReview(rng, 3)) served++;
    expect(served / 10_000).toBeGreaterThan(0.28);
    expect(served / 10_000).toBeLessThan(0.32);
    expect(shouldServeReview(createSeededRng(1), 0)).toBe(false);
  });
});
