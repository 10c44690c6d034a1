import type { ChatInputCommandInteraction } from "discord.js";
import type { DiscordCommand } from "./commands/index.ts";

/** discord.js error codes for options that don't match what a command reads. */
const OPTION_MISMATCH = new Set(["CommandInteractionOptionType", "CommandInteractionOptionNotFound", "CommandInteractionOptionEmpty"]);

/**
 * A command's arguments, or undefined when an option has another type than
 * the command declares or a required one is missing: a client with a stale
 * registration or a forged payload. That is bad input to refuse, not a fault.
 */
export function commandArgs(spec: DiscordCommand, interaction: ChatInputCommandInteraction): string[] | undefined {
  try {
    return spec.args(interaction);
  } catch (error) {
    if (OPTION_MISMATCH.has(String((error as { code?: unknown }).code))) return undefined;
    throw error;
  }
}
