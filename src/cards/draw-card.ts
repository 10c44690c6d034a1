import { renderMeCard } from "./me.ts";
import { renderSeasonCard } from "./season.ts";
import { renderTopCard } from "./top.ts";
import type { CardSpec } from "./types.ts";

/** A drawn card, ready to upload: PNG bytes and the file name to send them under. */
export interface CardImage {
  readonly png: Buffer;
  /** `me.png`, `top.png` or `season.png`. */
  readonly fileName: string;
}

/** Draws any card as PNG bytes; throws when drawing fails. */
export function renderCard(spec: CardSpec): Buffer {
  switch (spec.kind) {
    case "me":
      return renderMeCard(spec.data);
    case "top":
      return renderTopCard(spec.data);
    case "season":
      return renderSeasonCard(spec.data);
  }
}

/** Draws cards for an adapter: a card, or undefined when drawing failed (then the adapter sends the text alone). */
export type CardDrawer = (spec: CardSpec) => CardImage | undefined;

/**
 * A drawer that never throws. A failure is logged once per distinct error
 * (a missing font would otherwise log on every `/me`), and the caller falls
 * back to the text. `render` is replaceable for tests.
 */
export function createCardDrawer(log: { warn(message: string): void } | undefined, render: (spec: CardSpec) => Buffer = renderCard): CardDrawer {
  const logged = new Set<string>();
  return (spec) => {
    try {
      return { png: render(spec), fileName: `${spec.kind}.png` };
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (!logged.has(reason)) {
        logged.add(reason);
        log?.warn(`cards: could not draw the ${spec.kind} card (${reason}); sending the text instead (logged once)`);
      }
      return undefined;
    }
  };
}
