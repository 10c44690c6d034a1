import type { Clock, Rng } from "../core/ports.ts";

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Unseeded randomness for production; tests use a seeded Rng. */
export const systemRng: Rng = { next: () => Math.random() };
