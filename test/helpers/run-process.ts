import type { ChildProcessWithoutNullStreams } from "node:child_process";

/** What a finished process printed, and its exit code. */
export interface ProcessOutput {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Writes `input` to a spawned process's stdin, closes it, and resolves with everything it printed once it exits. */
export function collectOutput(child: ChildProcessWithoutNullStreams, input: string): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
