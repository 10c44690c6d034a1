import type { Bank } from "../../../core/bank/types.ts";
import type { DiscordCommand } from "./command.ts";
import { dailyCommand } from "./daily.ts";
import { practiceCommand } from "./practice.ts";
import { quizCommand } from "./quiz.ts";
import { settingsCommand } from "./settings.ts";
import { forgetCommand, helpCommand, langCommand, meCommand, reportCommand, reviewCommand, stopCommand } from "./simple.ts";
import { topCommand } from "./top.ts";

export type { DiscordCommand } from "./command.ts";

/** Every slash command memquiz offers on Discord. */
export const DISCORD_COMMANDS: readonly DiscordCommand[] = [
  practiceCommand, reviewCommand, quizCommand, stopCommand, dailyCommand, topCommand, meCommand, settingsCommand, langCommand, reportCommand, forgetCommand, helpCommand,
];

/** The registration bodies for every command, as sent to Discord's bulk-overwrite route. */
export function commandBodies(bank: Bank): unknown[] {
  return DISCORD_COMMANDS.map((command) => command.data(bank).toJSON());
}
