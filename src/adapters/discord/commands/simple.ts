import type { DiscordCommand } from "./command.ts";
import { baseCommand } from "./command.ts";

/** `/stop`: ends the running round (its starter, or a member with Manage Server). */
export const stopCommand = { name: "stop", personal: false, data: () => baseCommand("stop"), args: () => [] } satisfies DiscordCommand;

/** `/review`: the questions the caller missed, when they are due again (ephemeral). */
export const reviewCommand = { name: "review", personal: true, data: () => baseCommand("review"), args: () => [] } satisfies DiscordCommand;

/** `/me`: the caller's progress. */
export const meCommand = { name: "me", personal: false, data: () => baseCommand("me"), args: () => [] } satisfies DiscordCommand;

/** `/help`: what memquiz is and its commands. */
export const helpCommand = { name: "help", personal: false, data: () => baseCommand("help"), args: () => [] } satisfies DiscordCommand;

/** `/forget`: deletes the caller's data after an ephemeral confirm/cancel question. */
export const forgetCommand = { name: "forget", personal: true, data: () => baseCommand("forget"), args: () => [] } satisfies DiscordCommand;

/** `/lang <language>`: the caller's own language. */
export const langCommand = {
  name: "lang",
  personal: false,
  data: () =>
    baseCommand("lang").addStringOption((o) =>
      o.setName("language").setNameLocalizations({ ru: "язык" }).setDescription("Your language").setDescriptionLocalizations({ ru: "Ваш язык" }).setRequired(true).addChoices(
        { name: "English", value: "en" },
        { name: "Русский", value: "ru" },
        { name: "auto", value: "auto", name_localizations: { ru: "как в приложении" } },
      ),
    ),
  args: (interaction) => [interaction.options.getString("language", true)],
} satisfies DiscordCommand;

/** `/report <text>`: reports a problem with the last question. */
export const reportCommand = {
  name: "report",
  personal: false,
  data: () =>
    baseCommand("report").addStringOption((o) =>
      o.setName("text").setNameLocalizations({ ru: "текст" }).setDescription("What is wrong").setDescriptionLocalizations({ ru: "Что не так" }).setRequired(true).setMaxLength(1000),
    ),
  args: (interaction) => interaction.options.getString("text", true).trim().split(/\s+/),
} satisfies DiscordCommand;
