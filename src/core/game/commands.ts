/** A chat command split into its name and arguments. */
export interface ParsedCommand {
  readonly name: string;
  readonly args: readonly string[];
  /** Everything after the command name, for free text such as /report. */
  readonly rest: string;
  /** The bot named in `/cmd@botname`, if any. */
  readonly target?: string;
}

/** Parses `/name@bot arg1 arg2`; returns undefined when the text is not a command. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const rest = (match[3] ?? "").trim();
  return {
    name: (match[1] ?? "").toLowerCase(),
    args: rest === "" ? [] : rest.split(/\s+/),
    rest,
    ...(match[2] ? { target: match[2] } : {}),
  };
}
