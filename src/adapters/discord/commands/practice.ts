import type { DiscordCommand } from "./command.ts";
import { baseCommand, topicChoices } from "./command.ts";

/** `/practice [topic]`: an ephemeral practice question with answer buttons. */
export const practiceCommand = {
  name: "practice",
  personal: true,
  data: (bank) =>
    baseCommand("practice").addStringOption((o) =>
      o.setName("topic").setDescription("Only this topic").setDescriptionLocalizations({ ru: "Только эта тема" }).setNameLocalizations({ ru: "тема" }).addChoices(...topicChoices(bank)),
    ),
  args: (interaction) => [interaction.options.getString("topic")].filter((v): v is string => Boolean(v)),
} satisfies DiscordCommand;
