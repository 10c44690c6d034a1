import { describe, expect, it } from "vitest";
import { dueOrder, mostForgotten, reviewCard, type ReviewCard } from "../../../src/core/adaptive/index.ts";
import { createSeededRng } from "../../../src/core/rng.ts";

const DAY = 86_400_000;

describe("the most forgotten due card", () => {
  it("is the first card dueOrder would give, found without sorting", () => {
    const rng = createSeededRng(17);
    for (let trial = 0; trial < 200; trial++) {
      const start = Date.UTC(2026, 0, 1);
      const items: { id: number; card: ReviewCard }[] = [];
      for (let i = 0; i < 40; i++) {
        // A wrong answer makes the card; a few more answers at random times move it on.
        let at = start + Math.floor(rng.next() * 30) * DAY;
        let card = reviewCard(undefined, false, at)!;
        for (let k = Math.floor(rng.next() * 4); k > 0; k--) {
          at += Math.floor(rng.next() * 10) * DAY;
          card = reviewCard(card, rng.next() < 0.6, at);
        }
        items.push({ id: i, card });
        // Copies make exact ties, which must go to the earlier item.
        if (rng.next() < 0.2) items.push({ id: 100 + i, card: { ...card } });
      }
      const now = start + Math.floor(rng.next() * 80) * DAY;
      expect(mostForgotten(items, now)?.id).toBe(dueOrder(items, now)[0]?.id);
    }
  });
});
