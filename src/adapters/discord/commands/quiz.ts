import { MAX_ROUND_QUESTIONS } from "../../../core/game/round.ts";
import type { DiscordCommand } from "./command.ts";
import { baseCommand, topicChoices } from "./command.ts";

/** `/quiz [questions] [topic]`: a round in this channel, each question an embed with buttons. */
export const quizCommand = {
  name: "quiz",
  personal: false,
  data: (bank) =>
    baseCommand("quiz")
      .addIntegerOption((o) =>
        o.setName("questions").setNameLocalizations({ ru: "вопросы" }).setDescription("How many questions (1-20)").setDescriptionLocalizations({ ru: "Сколько вопросов (1-20)" }).setMinValue(1).setMaxValue(MAX_ROUND_QUESTIONS),
      )
      .addStringOption((o) =>
        o.setName("topic").setNameLocalizations({ ru: "тема" }).setDescription("Only this topic").setDescriptionLocalizations({ ru: "Только эта тема" }).addChoices(...topicChoices(bank)),
      ),
  args: (interaction) =>
    [interaction.options.getInteger("questions")?.toString(), interaction.options.getString("topic")].filter((v): v is string => Boolean(v)),
} satisfies DiscordCommand;
