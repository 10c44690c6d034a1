/**
 * Waits on I/O (not on the app's clock) until `check` returns something
 * truthy, advancing a fake clock by `stepMs` between tries when asked; throws
 * with `context()` after about 2 s of real time.
 */
export async function until<T>(
  check: () => T | undefined | false | null | 0,
  what: string,
  options: { stepMs?: number; advance?: (ms: number) => void; context?: () => string } = {},
): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = check();
    if (value) return value;
    if (options.stepMs && options.advance) options.advance(options.stepMs);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}\n${options.context?.() ?? ""}`);
}
