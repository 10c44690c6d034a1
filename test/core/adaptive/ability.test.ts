import { describe, expect, it } from "vitest";
import {
  mastery,
  medianAbility,
  MIN_SD,
  pCorrect,
  predictCorrect,
  PRIOR_ABILITY,
  sanitizeAbility,
  TOPIC_SPREAD,
  topicPrior,
  updateAbilities,
  updateAbility,
  widenAbility,
  type AbilityState,
} from "../../../src/core/adaptive/index.ts";

/** Explicit Bayes by direct numeric integration over a wide, fine grid: the reference the engine must match. */
function bruteForce(prior: AbilityState, answers: readonly { correct: boolean; b: number; c: number }[], lo = -12, hi = 12) {
  const steps = 48_000;
  const h = (hi - lo) / steps;
  let mass = 0;
  let first = 0;
  let second = 0;
  let predictive = 0;
  for (let i = 0; i <= steps; i++) {
    const theta = lo + i * h;
    let w = Math.exp(-0.5 * ((theta - prior.mean) / prior.sd) ** 2);
    predictive += w * pCorrect(theta, 0.3, 0.25);
    for (const a of answers) {
      const p = pCorrect(theta, a.b, a.c);
      w *= a.correct ? p : 1 - p;
    }
    mass += w;
    first += w * theta;
    second += w * theta * theta;
  }
  const mean = first / mass;
  return { mean, sd: Math.sqrt(second / mass - mean * mean) };
}

function priorPredictive(prior: AbilityState, b: number, c: number): number {
  let mass = 0;
  let sum = 0;
  for (let theta = -12; theta <= 12; theta += 0.0005) {
    const w = Math.exp(-0.5 * ((theta - prior.mean) / prior.sd) ** 2);
    mass += w;
    sum += w * pCorrect(theta, b, c);
  }
  return sum / mass;
}

describe("the ability posterior", () => {
  it("matches explicit Bayes over a fine grid for one right answer from the population prior", () => {
    const answer = { correct: true, b: 0.4, c: 0.25 };
    const next = updateAbility(PRIOR_ABILITY, answer);
    // On the grid's own support [−4, 4] the 161-point grid agrees to 2e-4 (its end points carry a full step's weight) ...
    const onSupport = bruteForce(PRIOR_ABILITY, [answer], -4, 4);
    expect(Math.abs(next.mean - onSupport.mean)).toBeLessThan(2e-4);
    expect(Math.abs(next.sd - onSupport.sd)).toBeLessThan(2e-4);
    // ... and cutting the prior's tails beyond ±4 costs less than 1e-3.
    const untruncated = bruteForce(PRIOR_ABILITY, [answer]);
    expect(Math.abs(next.mean - untruncated.mean)).toBeLessThan(1e-3);
    expect(Math.abs(next.sd - untruncated.sd)).toBeLessThan(1e-3);
    expect(next.n).toBe(1);
  });

  it("matches explicit Bayes for a miss on a two-option question from a settled prior", () => {
    const prior = { mean: 0.7, sd: 0.45, n: 12 };
    const next = updateAbility(prior, { correct: false, b: -0.2, c: 0.5 });
    const exact = bruteForce(prior, [{ correct: false, b: -0.2, c: 0.5 }]);
    expect(next.mean).toBeCloseTo(exact.mean, 4);
    expect(next.sd).toBeCloseTo(exact.sd, 4);
    expect(next.mean).toBeLessThan(prior.mean);
    expect(next.sd).toBeLessThan(prior.sd);
  });

  it("stays close to the exact multi-answer posterior although it keeps only mean and SD between answers", () => {
    // Guards the persistence approximation: a Gaussian summary after every answer.
    const answers = [
      { correct: true, b: -0.5, c: 0.25 },
      { correct: true, b: 0.1, c: 0.25 },
      { correct: false, b: 0.6, c: 0.25 },
      { correct: true, b: 0.3, c: 1 / 3 },
      { correct: true, b: 0.5, c: 0.25 },
      { correct: false, b: 0.9, c: 0.2 },
    ];
    const state = answers.reduce((s, a) => updateAbility(s, a), PRIOR_ABILITY);
    const exact = bruteForce(PRIOR_ABILITY, answers);
    expect(Math.abs(state.mean - exact.mean)).toBeLessThan(0.02);
    expect(Math.abs(state.sd - exact.sd)).toBeLessThan(0.02);
    expect(state.n).toBe(answers.length);
  });

  it("predicts success as the model averaged over the belief", () => {
    const prior = { mean: -0.4, sd: 0.8, n: 3 };
    expect(predictCorrect(prior, 0.3, 0.25)).toBeCloseTo(priorPredictive(prior, 0.3, 0.25), 4);
    // Uncertainty pulls a prediction toward the middle of the curve.
    expect(predictCorrect({ mean: 2, sd: 1, n: 0 }, 0, 0.25)).toBeLessThan(pCorrect(2, 0, 0.25));
  });

  it("never narrows below MIN_SD, however many answers agree", () => {
    let state = PRIOR_ABILITY;
    for (let i = 0; i < 3000; i++) state = updateAbility(state, { correct: i % 10 < 7, b: -0.4, c: 0.25 });
    expect(state.sd).toBe(MIN_SD);
    expect(Math.abs(state.mean)).toBeLessThan(0.3);
  });

  it("falls back to the prior for a corrupt stored state and clamps a mean outside the grid", () => {
    expect(sanitizeAbility({ mean: Number.NaN, sd: 1, n: 2 })).toBe(PRIOR_ABILITY);
    expect(sanitizeAbility({ mean: 0, sd: -1, n: 2 })).toBe(PRIOR_ABILITY);
    expect(sanitizeAbility({ mean: 9, sd: 0.5, n: 2 }).mean).toBe(4);
  });
});

describe("widening between sessions", () => {
  it("adds variance in proportion to the time away, so a month away loosens a settled estimate", () => {
    const settled = { mean: 1.2, sd: 0.3, n: 200 };
    const month = widenAbility(settled, 30 * 86_400_000);
    expect(month.mean).toBe(1.2);
    expect(month.sd ** 2).toBeCloseTo(0.09 + 0.15, 10);
    // Widening in two steps adds up to the same as one.
    const twice = widenAbility(widenAbility(settled, 15 * 86_400_000), 15 * 86_400_000);
    expect(twice.sd).toBeCloseTo(month.sd, 12);
  });

  it("never widens past the population prior, and does nothing without elapsed time", () => {
    const state = { mean: 0.5, sd: 0.6, n: 10 };
    expect(widenAbility(state, 10 * 365 * 86_400_000).sd).toBe(1);
    expect(widenAbility(state, 0)).toBe(state);
    expect(widenAbility(state, -5)).toBe(state);
  });
});

describe("per-topic ability", () => {
  it("starts a topic from the overall posterior widened by the topic spread", () => {
    const overall = { mean: 0.8, sd: 0.4, n: 40 };
    const prior = topicPrior(overall);
    expect(prior.mean).toBe(0.8);
    expect(prior.sd).toBeCloseTo(Math.sqrt(0.16 + TOPIC_SPREAD ** 2), 12);
    expect(prior.n).toBe(0);
  });

  it("updates both the overall and the topic state, creating the topic on its first answer", () => {
    const overall = { mean: 0.8, sd: 0.4, n: 40 };
    const first = updateAbilities(overall, undefined, { correct: false, b: 0, c: 0.25 });
    expect(first.topic.n).toBe(1);
    expect(first.overall.n).toBe(41);
    // The wider topic prior moves further on the same evidence.
    expect(overall.mean - first.topic.mean).toBeGreaterThan(overall.mean - first.overall.mean);
  });

  it("aims a round at the median player, so one expert doesn't drag the chat", () => {
    const players = [
      { mean: -0.5, sd: 0.5, n: 10 },
      { mean: 0.2, sd: 0.4, n: 30 },
      { mean: 3.5, sd: 0.3, n: 300 },
    ];
    expect(medianAbility(players).mean).toBe(0.2);
    expect(medianAbility(players.slice(0, 2)).mean).toBeCloseTo(-0.15, 12);
    expect(medianAbility([])).toBe(PRIOR_ABILITY);
  });
});

describe("mastery", () => {
  it("is the chance of a medium four-option question: 0.625 for a newcomer, rising with ability", () => {
    expect(mastery(PRIOR_ABILITY)).toBeCloseTo(0.625, 3);
    expect(mastery({ mean: 1.5, sd: 0.3, n: 50 })).toBeGreaterThan(0.85);
    expect(mastery({ mean: -1.5, sd: 0.3, n: 50 })).toBeLessThan(0.4);
  });
});
