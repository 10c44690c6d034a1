/** Reports how far a verify run has got while the snippets run. */
export interface Progress {
  /** Records one finished run, failed or not. */
  step(failed: boolean): void;
  /** Ends the progress display (clears the live line on a terminal). */
  finish(): void;
}

/** The text of a progress line, such as `verify 37/120 runs · 2 failed`. */
export function progressText(done: number, total: number, failed: number): string {
  return `verify ${done}/${total} runs · ${failed} failed`;
}

/**
 * Creates the progress display. On a terminal it rewrites one line with `\r`
 * after every run. Otherwise (CI logs, pipes) it prints a line only each time
 * another tenth of the runs has finished, so the log stays short.
 */
export function createProgress(write: (text: string) => void, isTTY: boolean, total: number): Progress {
  let done = 0;
  let failed = 0;
  let printedTenths = 0;
  let shown = false;
  return {
    step(didFail) {
      done++;
      if (didFail) failed++;
      const text = progressText(done, total, failed);
      if (isTTY) {
        write(`\r${text}\x1b[K`);
        shown = true;
        return;
      }
      const tenths = Math.floor((done * 10) / total);
      if (tenths > printedTenths) {
        printedTenths = tenths;
        write(`${text}\n`);
      }
    },
    finish() {
      if (isTTY && shown) write("\r\x1b[K");
    },
  };
}
