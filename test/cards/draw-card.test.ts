import { describe, expect, it } from "vitest";
import { createCardDrawer, renderCard } from "../../src/cards/index.ts";
import type { CardSpec } from "../../src/cards/index.ts";
import { meEn, seasonEn, topEn } from "./fixtures.ts";
import { sentCardProblems } from "./image-check.ts";

describe("the card drawer the adapters use", () => {
  it("draws each kind of card under its own file name", () => {
    const draw = createCardDrawer(undefined);
    const specs: CardSpec[] = [{ kind: "me", data: meEn }, { kind: "top", data: topEn }, { kind: "season", data: seasonEn }];
    for (const spec of specs) {
      const image = draw(spec);
      expect(image?.fileName).toBe(`${spec.kind}.png`);
      expect(sentCardProblems(image!.png)).toEqual([]);
    }
  });

  // Guards against a broken font or canvas losing the reply, or filling the log on every /me.
  it("returns nothing when drawing fails, and logs each distinct failure once", () => {
    const warnings: string[] = [];
    let calls = 0;
    const draw = createCardDrawer({ warn: (m) => warnings.push(m) }, (spec) => {
      calls++;
      if (spec.kind === "top") return renderCard(spec);
      throw new Error(calls > 2 ? "out of memory" : "cannot load the font");
    });
    expect(draw({ kind: "me", data: meEn })).toBeUndefined();
    expect(draw({ kind: "me", data: meEn })).toBeUndefined();
    expect(draw({ kind: "top", data: topEn })?.fileName).toBe("top.png");
    expect(draw({ kind: "season", data: seasonEn })).toBeUndefined();
    expect(warnings).toEqual([
      "cards: could not draw the me card (Error: cannot load the font); sending the text instead (logged once)",
      "cards: could not draw the season card (Error: out of memory); sending the text instead (logged once)",
    ]);
  });
});
