import type { DiscordCommand } from "./command.ts";
import { baseCommand } from "./command.ts";

/** `/daily [action] [value]`: the channel's daily question; changes are for ManageGuild members. */
export const dailyCommand = {
  name: "daily",
  personal: false,
  data: () =>
    baseCommand("daily")
      .addStringOption((o) =>
        o.setName("action").setNameLocalizations({ ru: "действие" }).setDescription("What to change").setDescriptionLocalizations({ ru: "Что изменить" }).addChoices(
          { name: "on", value: "on", name_localizations: { ru: "включить" } },
          { name: "off", value: "off", name_localizations: { ru: "выключить" } },
          { name: "time (HH:MM)", value: "time", name_localizations: { ru: "время (ЧЧ:ММ)" } },
          { name: "time zone", value: "tz", name_localizations: { ru: "часовой пояс" } },
          { name: "reveal after (hours)", value: "reveal", name_localizations: { ru: "ответ через (часов)" } },
          { name: "post one now", value: "now", name_localizations: { ru: "опубликовать сейчас" } },
        ),
      )
      .addStringOption((o) =>
        o.setName("value").setNameLocalizations({ ru: "значение" }).setDescription("09:00, Europe/Berlin or 12").setDescriptionLocalizations({ ru: "09:00, Europe/Moscow или 12" }).setMaxLength(100),
      ),
  args: (interaction) => {
    const action = interaction.options.getString("action");
    const value = interaction.options.getString("value");
    return action ? [action, ...(value ? value.trim().split(/\s+/) : [])] : [];
  },
} satisfies DiscordCommand;
