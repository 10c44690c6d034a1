import { z } from "zod";
import type { AbilityState } from "./ability.ts";
import type { DifficultyState } from "./difficulty.ts";
import type { ReviewCard } from "./review.ts";

/**
 * Schemas for the engine's persisted JSON, so storage can check a row before
 * the engine trusts it (a bad row is a fault, reported with the zod issue as
 * its cause).
 */
export const abilityStateSchema: z.ZodType<AbilityState> = z.object({
  mean: z.number(),
  sd: z.number().positive(),
  n: z.number().int().nonnegative(),
});

/** Schema for a persisted `DifficultyState`. */
export const difficultyStateSchema: z.ZodType<DifficultyState> = z.object({
  b: z.number(),
  n: z.number().int().nonnegative(),
});

/** Schema for a persisted `ReviewCard`. */
export const reviewCardSchema: z.ZodType<ReviewCard> = z.object({
  due: z.number(),
  stability: z.number().nonnegative(),
  difficulty: z.number(),
  scheduledDays: z.number().nonnegative(),
  learningSteps: z.number().int().nonnegative(),
  reps: z.number().int().nonnegative(),
  lapses: z.number().int().nonnegative(),
  state: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  lastReview: z.number().nullable(),
});
