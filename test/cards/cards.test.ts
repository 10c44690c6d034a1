import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { cardLabels, drawMeCard, drawSeasonCard, drawTopCard, type CardDrawing } from "../../src/cards/index.ts";
import { CARD_CASES, goldenPath } from "./cases.ts";
import { meEn, meRuEdge, seasonRuShort, topRuOutside } from "./fixtures.ts";
import { decodePng, differingPixels, imageProblems } from "./image-check.ts";

/** At most this share of pixels may differ from the golden (edge pixels across CPUs). */
const TOLERANCE = 0.001;
const EPS = 0.01;

/** Every text that is wider than its box, leaves its box, or whose box leaves the card. */
function overflows(card: CardDrawing): string[] {
  return card.texts.flatMap((t) => {
    const { box } = t;
    const inBox = t.width <= box.w + EPS && t.x >= box.x - EPS && t.x + t.width <= box.x + box.w + EPS;
    const onCard = box.x >= 0 && box.y >= 0 && box.x + box.w <= card.width + EPS && box.y + box.h <= card.height + EPS;
    return inBox && onCard ? [] : [`"${t.drawn}" (${t.width.toFixed(1)} px) in ${JSON.stringify(box)} on ${card.width}×${card.height}`];
  });
}

describe("card images", () => {
  for (const { name, draw } of CARD_CASES) {
    it(`${name} matches its golden`, () => {
      const card = draw();
      expect(imageProblems(card.png, card.width, card.height)).toEqual([]);
      const path = goldenPath(name);
      expect(existsSync(path), `no golden for ${name}: run npm run cards:update-goldens`).toBe(true);
      const actual = decodePng(card.png) as PNG;
      const golden = decodePng(readFileSync(path)) as PNG;
      expect(typeof golden, `golden ${path} is not a whole PNG`).toBe("object");
      expect([actual.width, actual.height]).toEqual([golden.width, golden.height]);
      const diff = differingPixels(actual, golden);
      if (diff > TOLERANCE * actual.width * actual.height) {
        const out = join(mkdtempSync(join(tmpdir(), "memquiz-cards-")), `${name}.png`);
        writeFileSync(out, card.png);
        expect.fail(`${name}: ${diff} pixels differ from the golden; this render is at ${out}`);
      }
    });

    it(`${name} draws the same pixels twice`, () => {
      const [a, b] = [decodePng(draw().png) as PNG, decodePng(draw().png) as PNG];
      expect(a.data.equals(b.data)).toBe(true);
    });
  }
});

describe("the image check", () => {
  it("rejects a blank card, a truncated PNG and a wrong size", () => {
    const blank = new PNG({ width: 80, height: 60 });
    for (let i = 0; i < blank.data.length; i += 4) blank.data.set([15, 23, 42, 255], i);
    const bytes = PNG.sync.write(blank);
    expect(imageProblems(bytes, 80, 60).join()).toMatch(/not background/);
    expect(imageProblems(bytes.subarray(0, bytes.length >> 1), 80, 60).join()).toMatch(/not a whole PNG/);
    const card = drawMeCard(meEn);
    expect(imageProblems(card.png, card.width, card.height + 1).join()).toMatch(/size/);
    expect(imageProblems(card.png.subarray(0, card.png.length - 200), card.width, card.height)).not.toEqual([]);
  });
});

describe("text fits its box", () => {
  it("long names, Russian text, 0 answers and a 400-day streak stay inside their boxes", () => {
    const cards = [drawMeCard(meRuEdge), drawTopCard(topRuOutside), drawSeasonCard(seasonRuShort)];
    for (const card of cards) expect(overflows(card)).toEqual([]);
    const [me, top, season] = cards.map((card) => card.texts.map((t) => t.drawn)) as [string[], string[], string[]];
    expect(me.find((s) => s.startsWith("Александра"))).toMatch(/…$/);
    expect(me).toContain("400");
    expect(me).toContain("рекорд 400");
    expect(me).toContain("—");
    expect(me).toContain(cardLabels("ru").topics);
    expect(top.find((s) => s.startsWith("Очень длинное"))).toMatch(/…$/);
    expect(top).toContain("37");
    expect(top).toContain(cardLabels("ru").you);
    expect(season.find((s) => s.startsWith("Александра"))).toMatch(/…$/);
  });

  it("every card keeps its texts inside their boxes", () => {
    for (const { draw } of CARD_CASES) expect(overflows(draw())).toEqual([]);
  });

  it("a caller outside the top 10 is drawn after the top rows", () => {
    const texts = drawTopCard(topRuOutside).texts;
    const caller = texts.find((t) => t.text.startsWith("Вероника"));
    const last = texts.find((t) => t.text === "Tim");
    expect(caller && last && caller.box.y > last.box.y).toBe(true);
  });

  it("marks the weakest topic only", () => {
    const tags = drawMeCard(meEn).texts.filter((t) => t.text === cardLabels("en").weakest);
    expect(tags).toHaveLength(1);
    expect(drawMeCard(meRuEdge).texts.some((t) => t.text === cardLabels("ru").weakest)).toBe(false);
  });
});

describe("card labels", () => {
  it("have the same keys in English and Russian, none empty", () => {
    const [en, ru] = [cardLabels("en"), cardLabels("ru")];
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const labels of [en, ru]) for (const value of Object.values(labels)) expect(typeof value === "function" ? value(2) : value).not.toBe("");
  });

  it("use Russian plural forms for points", () => {
    const ru = cardLabels("ru");
    expect([1, 2, 5, 11, 21, 12_345].map((n) => ru.points(n))).toEqual(["1 очко", "2 очка", "5 очков", "11 очков", "21 очко", "12\u00a0345 очков"]);
  });
});
