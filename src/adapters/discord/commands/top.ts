import type { DiscordCommand } from "./command.ts";
import { baseCommand } from "./command.ts";

/** `/top [period] [scope]`: the leaderboard of this channel or everyone. */
export const topCommand = {
  name: "top",
  personal: false,
  data: () =>
    baseCommand("top")
      .addStringOption((o) =>
        o.setName("period").setNameLocalizations({ ru: "период" }).setDescription("Which period").setDescriptionLocalizations({ ru: "За какой период" }).addChoices(
          { name: "this week", value: "week", name_localizations: { ru: "эта неделя" } },
          { name: "this month", value: "month", name_localizations: { ru: "этот месяц" } },
          { name: "all time", value: "all", name_localizations: { ru: "всё время" } },
          { name: "last week (final)", value: "last-week", name_localizations: { ru: "прошлая неделя (итоги)" } },
          { name: "last month (final)", value: "last-month", name_localizations: { ru: "прошлый месяц (итоги)" } },
        ),
      )
      .addStringOption((o) =>
        o.setName("scope").setNameLocalizations({ ru: "где" }).setDescription("This channel or everyone").setDescriptionLocalizations({ ru: "Этот канал или все" }).addChoices(
          { name: "this channel", value: "chat", name_localizations: { ru: "этот канал" } },
          { name: "everyone", value: "global", name_localizations: { ru: "все" } },
        ),
      ),
  args: (interaction) => {
    const args = [interaction.options.getString("period") ?? "week"];
    if (interaction.options.getString("scope") === "global") args.push("global");
    return args;
  },
} satisfies DiscordCommand;
