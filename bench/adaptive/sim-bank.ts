/** Simulated question banks and learners, with their hidden true parameters. */
import type { Level } from "../../src/core/bank/types.ts";
import type { SelectableQuestion } from "../../src/core/adaptive/index.ts";
import type { Rng } from "../../src/core/ports.ts";
import { normal } from "./stats.ts";

/** A simulated question: what the engine sees (id, topic, level, options) plus the hidden truth. */
export interface SimItem extends SelectableQuestion {
  readonly index: number;
  /** True difficulty, on the θ scale. */
  readonly trueB: number;
  /** True discrimination (1 in the model-true run). */
  readonly trueA: number;
  /** True guessing floor (1/options in the model-true run). */
  readonly trueC: number;
}

/** How the true item parameters are drawn. */
export interface BankSpec {
  readonly items: number;
  /** true: a ~ lognormal(0, 0.3), c ~ U(0.15, 0.30); false: a = 1, c = 0.25. */
  readonly misspecified: boolean;
  /** SD of the noise on b before it is cut into levels (0.5 in the issue). */
  readonly levelNoise: number;
  readonly topic: string;
}

const OPTIONS = Object.freeze(["a", "b", "c", "d"]);

/**
 * A bank of items with b ~ N(0, 1) and four options. The author's level is
 * b plus N(0, levelNoise²), cut at its tertiles into levels 1, 2 and 3.
 */
export function simulateBank(spec: BankSpec, rng: Rng): readonly SimItem[] {
  const raw = Array.from({ length: spec.items }, () => {
    const trueB = normal(rng);
    const trueA = spec.misspecified ? Math.exp(0.3 * normal(rng)) : 1;
    const trueC = spec.misspecified ? 0.15 + 0.15 * rng.next() : 0.25;
    return { trueB, trueA, trueC, noisy: trueB + spec.levelNoise * normal(rng) };
  });
  const order = raw.map((_, i) => i).sort((i, j) => (raw[i]?.noisy ?? 0) - (raw[j]?.noisy ?? 0));
  const levels = new Array<Level>(raw.length);
  order.forEach((itemIndex, rank) => {
    levels[itemIndex] = (1 + Math.floor((3 * rank) / raw.length)) as Level;
  });
  return Object.freeze(raw.map((r, index) => ({
    id: `sim/${index}`,
    topic: spec.topic,
    level: levels[index] as Level,
    options: OPTIONS,
    index,
    trueB: r.trueB,
    trueA: r.trueA,
    trueC: r.trueC,
  })));
}

/** True probability that a learner of ability θ answers this item right. */
export function trueP(item: SimItem, theta: number): number {
  return item.trueC + (1 - item.trueC) / (1 + Math.exp(-item.trueA * (theta - item.trueB)));
}

/** `count` learner abilities θ ~ N(0, 1). */
export function simulateLearners(count: number, rng: Rng): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = normal(rng);
  return out;
}
