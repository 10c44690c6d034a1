import { describe, expect, it } from "vitest";
import {
  abilityInTopic,
  predictCorrect,
  updateAbilities,
  updateAbilitiesAndPredict,
  type AbilityState,
} from "../../../src/core/adaptive/index.ts";
import { createSeededRng } from "../../../src/core/rng.ts";

describe("learning from a first attempt in one pass over the grid", () => {
  it("gives exactly what updateAbilities and predictCorrect give separately", () => {
    const rng = createSeededRng(42);
    const state = (): AbilityState => ({ mean: rng.next() * 10 - 5, sd: 0.05 + rng.next() * 1.5, n: Math.floor(rng.next() * 50) });
    for (let i = 0; i < 2_000; i++) {
      const overall = state();
      const topic = rng.next() < 0.3 ? undefined : state();
      const observation = { correct: rng.next() < 0.5, b: rng.next() * 8 - 4, c: [0, 0.25, 1 / 3, 0.5][i % 4]! };
      const together = updateAbilitiesAndPredict(overall, topic, observation);
      const apart = updateAbilities(overall, topic, observation);
      expect(together.overall).toEqual(apart.overall);
      expect(together.topic).toEqual(apart.topic);
      // Bit for bit, not merely close: the difficulty table must not depend on which path ran.
      expect(Object.is(together.predicted, predictCorrect(abilityInTopic(overall, topic), observation.b, observation.c))).toBe(true);
    }
  });
});
