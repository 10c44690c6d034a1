import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type InteractionReplyOptions } from "discord.js";
import type { TimerPort } from "../../app/ticker.ts";
import { fitMessageBody } from "./body-limits.ts";

/** Defer when the work has not answered after this long: Discord fails interactions not acknowledged in 3 s. */
export const DEFER_AFTER_MS = 2_000;

/** What to send: a message body, whether only the user sees it, and whether it replaces the pressed message. */
export interface Response {
  readonly body: Omit<InteractionReplyOptions, "flags">;
  readonly ephemeral: boolean;
  readonly update?: boolean;
}

/**
 * Answers one interaction exactly once, then follows up. A timer defers the
 * interaction if the work takes too long, so the user never sees
 * "This interaction failed". A body over Discord's limits is cut to fit
 * (`fitMessageBody`) and `onCut` is told, rather than refused with 50035.
 */
export function createResponder(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  timers: TimerPort,
  ephemeralHint: boolean,
  onCut: (what: string) => void = () => undefined,
) {
  let deferred: Promise<unknown> | undefined;
  const guard = timers.set(() => {
    if (interaction.replied || interaction.deferred) return;
    deferred = interaction.isButton() ? interaction.deferUpdate() : interaction.deferReply(ephemeralHint ? { flags: MessageFlags.Ephemeral } : {});
    deferred.catch(() => undefined);
  }, DEFER_AFTER_MS);

  return {
    /** Sends a response: the first one answers the interaction, later ones follow up. */
    async send(response: Response): Promise<void> {
      timers.clear(guard);
      if (deferred) await deferred;
      const flags = response.ephemeral ? MessageFlags.Ephemeral : undefined;
      const fitted = fitMessageBody(response.body, (what) => onCut(`a reply to interaction ${interaction.id} had ${what}, over Discord's limits; sent cut to fit`));
      const body = { ...fitted, ...(flags ? { flags } : {}) };
      if (!interaction.replied && !interaction.deferred) {
        if (response.update && interaction.isButton()) await interaction.update(fitted);
        else await interaction.reply(body as InteractionReplyOptions & { flags?: MessageFlags.Ephemeral });
        return;
      }
      if (interaction.deferred && !interaction.replied && (response.update || !interaction.isButton())) {
        await interaction.editReply(fitted);
        return;
      }
      await interaction.followUp(body as InteractionReplyOptions);
    },
    /** Stops the defer timer (when nothing will be sent). */
    done(): void {
      timers.clear(guard);
    },
  };
}
