/**
 * Answers held back on purpose (the "delay" fault), with a way to release
 * them all at once when a fake server closes, so no test waits on a timer.
 */
export function createDelays() {
  const delayed = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  return {
    /** Resolves after `ms` of real time, or at `releaseAll`, whichever comes first. */
    wait(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const entry = { timer: setTimeout(() => (delayed.delete(entry), resolve()), ms), resolve };
        delayed.add(entry);
      });
    },
    /** Lets every held answer go now. */
    releaseAll(): void {
      for (const entry of delayed) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      delayed.clear();
    },
  };
}
