/**
 * Picture-card render time: draw + PNG encode of each card from the test
 * fixtures, as the median of several runs after one warm-up (font loading).
 */
import { drawMeCard, drawSeasonCard, drawTopCard } from "../src/cards/index.ts";
import { meEn, seasonEn, topRuOutside } from "../test/cards/fixtures.ts";
import { median } from "./perf/common.ts";

/** Median milliseconds to render each card (`me`, `top`, `season`) over `runs` runs. */
export function measureCards(runs: number): { card: string; medianMs: number }[] {
  const cards = [
    ["me", () => drawMeCard(meEn)],
    ["top", () => drawTopCard(topRuOutside)],
    ["season", () => drawSeasonCard(seasonEn)],
  ] as const;
  return cards.map(([card, draw]) => {
    draw();
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      draw();
      times.push(performance.now() - start);
    }
    return { card, medianMs: median(times) };
  });
}
