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

/** How much of a command's arguments the app looks at: replies that quote an argument stay far below every platform's message limit. */
export const MAX_ARGS_LENGTH = 300;

/**
 * The command with its arguments cut to `MAX_ARGS_LENGTH` characters in all
 * (a cut argument ends in "…"), so a huge argument can't make a reply that
 * quotes it too long to send. `rest` (free text such as /report) is kept.
 */
export function boundArgs(cmd: ParsedCommand): ParsedCommand {
  let room = MAX_ARGS_LENGTH;
  const args: string[] = [];
  for (const arg of cmd.args) {
    if (room <= 0) break;
    args.push(arg.length <= room ? arg : `${arg.slice(0, Math.max(0, room - 1))}…`);
    room -= arg.length;
  }
  return args.length === cmd.args.length && args.every((a, i) => a === cmd.args[i]) ? cmd : { ...cmd, args };
}
