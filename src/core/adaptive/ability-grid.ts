/**
 * The θ grid behind every ability update, and the two kernels that run on
 * it. A grid is built once per process: its points, and e^θ at each point, so
 * the likelihood σ(θ − b) = e^θ / (e^θ + e^b) costs one `Math.exp` per update
 * instead of one per grid point.
 */

/** A fixed set of θ points with e^θ precomputed; build one with `createAbilityGrid`. */
export interface AbilityGrid {
  /** The lowest and highest θ represented. */
  readonly min: number;
  readonly max: number;
  /** The θ of each point, evenly spaced from `min` to `max`. */
  readonly theta: Float64Array;
  /** e^θ at each point. */
  readonly expTheta: Float64Array;
}

/** Builds an even grid of `points` abilities over [min, max]. */
export function createAbilityGrid(points: number, min = -4, max = 4): AbilityGrid {
  if (!Number.isInteger(points) || points < 3 || !(max > min)) throw new RangeError(`bad ability grid: ${points} points over [${min}, ${max}]`);
  const theta = new Float64Array(points);
  const expTheta = new Float64Array(points);
  const step = (max - min) / (points - 1);
  for (let i = 0; i < points; i++) {
    theta[i] = min + i * step;
    expTheta[i] = Math.exp(theta[i] as number);
  }
  return { min, max, theta, expTheta };
}

/**
 * The grid the engine uses: 161 points over [−4, 4], a 0.05 spacing. In the
 * benchmark 81, 121, 161 and 241 points give the same θ RMSE to 1e-4 (30
 * answers leave an SD near 0.4); 161 keeps the sampled prior at least two
 * steps wide down to MIN_SD, for learners with thousands of answers.
 */
export const DEFAULT_GRID: AbilityGrid = createAbilityGrid(161);

/** Scratch space for `priorWeights`, one per grid: the kernels are synchronous, so one is enough. */
const scratch = new WeakMap<AbilityGrid, Float64Array>();

/**
 * The unnormalised prior N(mean, sd²) at every grid point, exp(−(θᵢ − mean)² / 2sd²),
 * into a scratch array that the next call overwrites. Consecutive weights
 * differ by a factor that itself changes by a constant factor, so the array
 * is filled by multiplication outwards from the point nearest the mean (the
 * largest weight, so nothing overflows) with three `Math.exp` in all instead
 * of one per point. Each weight is within about 1e-13 of its own `Math.exp`.
 */
export function priorWeights(grid: AbilityGrid, mean: number, sd: number): Float64Array {
  const { theta } = grid;
  const n = theta.length;
  let out = scratch.get(grid);
  if (!out) scratch.set(grid, (out = new Float64Array(n)));
  const half = -0.5 / (sd * sd);
  const step = (grid.max - grid.min) / (n - 1);
  const peak = Math.min(n - 1, Math.max(0, Math.round((mean - grid.min) / step)));
  const d = (theta[peak] as number) - mean;
  const q = Math.exp(2 * half * step * step);
  out[peak] = Math.exp(half * d * d);
  // (d + step)² − d² = 2·d·step + step², and each step outwards adds 2·step² to it.
  let ratio = Math.exp(half * (2 * d * step + step * step));
  for (let i = peak + 1; i < n; i++) {
    out[i] = (out[i - 1] as number) * ratio;
    ratio *= q;
  }
  ratio = Math.exp(half * (step * step - 2 * d * step));
  for (let i = peak - 1; i >= 0; i--) {
    out[i] = (out[i + 1] as number) * ratio;
    ratio *= q;
  }
  return out;
}

/** The posterior's mean and variance after one grid update. */
export interface GridMoments {
  readonly mean: number;
  readonly variance: number;
}

/**
 * Bayes on the grid: the prior is N(mean, sd²) sampled at the grid points
 * (so truncated to the grid), the likelihood is the model's P(correct) or
 * 1 − P(correct) at each point; returns the posterior's first two moments.
 */
export function gridPosterior(grid: AbilityGrid, mean: number, sd: number, correct: boolean, b: number, c: number): GridMoments {
  // The one-pass kernel forms the posterior's sums exactly as this always has; its predictive is a by-product.
  const { mean: postMean, variance } = gridPosteriorAndPredictive(grid, mean, sd, correct, b, c);
  return { mean: postMean, variance };
}

/**
 * The posterior predictive P(correct) under the prior N(mean, sd²) on the
 * grid: the model's probability averaged over what we believe about θ.
 */
export function gridPredictive(grid: AbilityGrid, mean: number, sd: number, b: number, c: number): number {
  const { theta, expTheta } = grid;
  const eb = Math.exp(b);
  const prior = priorWeights(grid, mean, sd);
  let mass = 0;
  let sum = 0;
  for (let i = 0; i < theta.length; i++) {
    const e = expTheta[i] as number;
    const w = prior[i] as number;
    mass += w;
    sum += w * (c + ((1 - c) * e) / (e + eb));
  }
  return sum / mass;
}

/** The posterior's moments, and the prior's predictive P(correct), from one pass. */
export interface GridUpdate extends GridMoments {
  /** What `gridPredictive` returns for the same prior, to the last bit. */
  readonly predictive: number;
}

/**
 * `gridPosterior` and `gridPredictive` for the same prior in one pass over
 * the grid: learning from a first attempt needs both, and each pass costs
 * one `Math.exp` per grid point. The sums are formed exactly as the two
 * functions form them, so the results are identical.
 */
export function gridPosteriorAndPredictive(grid: AbilityGrid, mean: number, sd: number, correct: boolean, b: number, c: number): GridUpdate {
  const { theta, expTheta } = grid;
  const eb = Math.exp(b);
  const prior = priorWeights(grid, mean, sd);
  let mass = 0;
  let first = 0;
  let second = 0;
  let priorMass = 0;
  let predicted = 0;
  for (let i = 0; i < theta.length; i++) {
    const d = (theta[i] as number) - mean;
    const e = expTheta[i] as number;
    const p = c + ((1 - c) * e) / (e + eb);
    const g = prior[i] as number;
    priorMass += g;
    predicted += g * p;
    const w = g * (correct ? p : 1 - p);
    mass += w;
    first += w * d;
    second += w * d * d;
  }
  const shift = first / mass;
  return { mean: mean + shift, variance: Math.max(second / mass - shift * shift, 0), predictive: predicted / priorMass };
}
