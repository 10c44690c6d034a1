import { registerDiscordCommands } from "../adapters/discord/register-commands.ts";
import type { Config } from "../app/config.ts";
import { formatIssue } from "../core/bank/index.ts";
import { loadBankFromDir } from "../storage/index.ts";
import type { CliIo } from "./io.ts";

/** `memquiz register-commands [--guild ID]`: registers the Discord slash commands, globally or for one guild. */
export async function runRegisterCommands(args: readonly string[], io: CliIo & { config: Config }): Promise<number> {
  let guildId: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--guild" && /^\d{5,20}$/.test(args[i + 1] ?? "")) guildId = args[++i];
    else {
      io.stderr("usage: memquiz register-commands [--guild GUILD_ID]   (needs DISCORD_BOT_TOKEN and DISCORD_APP_ID)\n");
      return 2;
    }
  }
  const discord = io.config.discord;
  if (!discord) {
    io.stderr("memquiz register-commands: DISCORD_BOT_TOKEN is not set\n");
    return 2;
  }
  if (!discord.appId) {
    io.stderr("memquiz register-commands: DISCORD_APP_ID is not set (the application id from the Discord developer portal)\n");
    return 2;
  }
  const bank = loadBankFromDir(io.defaultQuestionsDir);
  if (!bank.ok) {
    for (const error of bank.errors) io.stderr(`${formatIssue(error)}\n`);
    return 1;
  }
  try {
    const result = await registerDiscordCommands({ token: discord.token, appId: discord.appId, apiRoot: discord.apiRoot, guildId, bank: bank.bank });
    io.stdout(`Registered ${result.count} commands ${guildId ? `for guild ${guildId}` : "globally"} (PUT ${result.route}).\n`);
    return 0;
  } catch (error) {
    io.stderr(`memquiz register-commands: Discord refused: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
