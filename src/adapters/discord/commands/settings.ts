import type { DiscordCommand } from "./command.ts";
import { baseCommand } from "./command.ts";

/** `/settings [key] [value]`: shows the channel's settings, or changes one (ManageGuild only). */
export const settingsCommand = {
  name: "settings",
  personal: false,
  data: () =>
    baseCommand("settings")
      .addStringOption((o) =>
        o.setName("key").setNameLocalizations({ ru: "параметр" }).setDescription("The setting to change").setDescriptionLocalizations({ ru: "Что изменить" }).addChoices(
          { name: "language", value: "lang", name_localizations: { ru: "язык" } },
          { name: "time zone", value: "tz", name_localizations: { ru: "часовой пояс" } },
          { name: "seconds per question", value: "seconds", name_localizations: { ru: "секунд на вопрос" } },
          { name: "questions per round", value: "questions", name_localizations: { ru: "вопросов в раунде" } },
          { name: "topics", value: "topics", name_localizations: { ru: "темы" } },
          { name: "picture cards (on/off)", value: "cards", name_localizations: { ru: "карточки-картинки (on/off)" } },
        ),
      )
      .addStringOption((o) =>
        o.setName("value").setNameLocalizations({ ru: "значение" }).setDescription("The new value").setDescriptionLocalizations({ ru: "Новое значение" }).setMaxLength(200),
      ),
  args: (interaction) => {
    const key = interaction.options.getString("key");
    const value = interaction.options.getString("value");
    return key ? [key, ...(value ? value.trim().split(/\s+/) : [])] : [];
  },
} satisfies DiscordCommand;
