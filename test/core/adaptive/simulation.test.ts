import { describe, expect, it } from "vitest";
import { simulate } from "../../../bench/adaptive/simulate.ts";

describe("the adaptive benchmark's simulation, small", () => {
  // The same code as `npm run bench:adaptive`, with 200 learners: guards against a change that
  // makes adaptive selection no better than picking at random.
  const run = simulate({ seed: 20260501, learners: 200, answers: 30, items: 500, misspecified: false, checkpoints: [200] });
  const adaptive = run.policies.adaptive;
  const random = run.policies.random;

  it("keeps learners' success rates closer together than random selection does", () => {
    expect(adaptive?.successSd).toBeLessThan((random?.successSd ?? 0) - 0.03);
    expect(Math.abs((adaptive?.meanSuccess ?? 0) - 0.7)).toBeLessThan(0.04);
  });

  it("estimates θ better after 20 answers than random selection", () => {
    expect(adaptive?.thetaRmse[20]).toBeLessThan(random?.thetaRmse[20] ?? 0);
  });

  it("learns item difficulties beyond the level prior", () => {
    expect(adaptive?.itemRmse[0]?.rmse).toBeLessThan(run.levelPriorRmse);
  });
});
