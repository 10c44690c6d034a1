/** What a CLI command may touch: output streams, the environment and defaults. Tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** The questions folder from the config (MEMQUIZ_QUESTIONS). */
  readonly defaultQuestionsDir: string;
}
