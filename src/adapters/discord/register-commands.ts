import { REST, Routes } from "discord.js";
import type { Bank } from "../../core/bank/types.ts";
import { commandBodies } from "./commands/index.ts";

/**
 * Registers every slash command with Discord's bulk overwrite: globally, or
 * for one guild (instant, for testing). Returns the route it used and how
 * many commands Discord now has.
 */
export async function registerDiscordCommands(options: {
  token: string;
  appId: string;
  apiRoot?: string | undefined;
  guildId?: string | undefined;
  bank: Bank;
}): Promise<{ route: string; count: number }> {
  const rest = new REST(options.apiRoot ? { api: options.apiRoot } : {}).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.appId, options.guildId) : Routes.applicationCommands(options.appId);
  const result = (await rest.put(route, { body: commandBodies(options.bank) })) as unknown[];
  return { route, count: result.length };
}
