import { GrammyError, type InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { MAX_CAPTION_LENGTH, sendCardPhoto, visibleLength, type PhotoTarget } from "../../../src/adapters/telegram/card-photo.ts";

const image = { png: Buffer.from([0x89, 0x50, 0x4e, 0x47]), fileName: "top.png" };

/** A target that records what was sent; `refuse` makes the photo fail with that error. */
function recorder(refuse?: Error) {
  const sent: string[] = [];
  const target: PhotoTarget = {
    async sendPhoto(_photo: InputFile, caption) {
      if (refuse) throw refuse;
      sent.push(`photo${caption === undefined ? "" : `: ${caption}`}`);
    },
    async sendText(html) {
      sent.push(`text: ${html}`);
    },
  };
  return { sent, target };
}

describe("sending a card on Telegram", () => {
  it("counts a caption as Telegram does: without tags, an entity as one character", () => {
    expect(visibleLength("<b>Top</b> &lt;3 &amp; <pre>1  Ann</pre>")).toBe("Top <3 & 1  Ann".length);
  });

  it("puts a text that fits into the caption, and sends a longer one after the photo", async () => {
    const short = recorder();
    expect(await sendCardPhoto(short.target, image, "<b>Top</b>", () => undefined)).toBe(true);
    expect(short.sent).toEqual(["photo: <b>Top</b>"]);

    // 1,024 visible characters still fit, although the HTML is longer; one more does not.
    const fits = `<b>${"x".repeat(MAX_CAPTION_LENGTH - 4)}</b>&lt;&gt;&amp;!`;
    expect(visibleLength(fits)).toBe(MAX_CAPTION_LENGTH);
    const edge = recorder();
    await sendCardPhoto(edge.target, image, fits, () => undefined);
    expect(edge.sent).toEqual([`photo: ${fits}`]);
    const long = recorder();
    await sendCardPhoto(long.target, image, `${fits}y`, () => undefined);
    expect(long.sent).toEqual(["photo", `text: ${fits}y`]);
  });

  it("reports a refused photo so the text goes alone, and passes other failures on", async () => {
    const reasons: string[] = [];
    const refused = new GrammyError("Call to 'sendPhoto' failed!", { ok: false, error_code: 400, description: "Bad Request: IMAGE_PROCESS_FAILED" }, "sendPhoto", {});
    const bad = recorder(refused);
    expect(await sendCardPhoto(bad.target, image, "text", (r) => reasons.push(r))).toBe(false);
    expect(bad.sent).toEqual([]);
    expect(reasons).toEqual(["400 Bad Request: IMAGE_PROCESS_FAILED"]);
    const blocked = new GrammyError("Call to 'sendPhoto' failed!", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, "sendPhoto", {});
    await expect(sendCardPhoto(recorder(blocked).target, image, "text", () => undefined)).rejects.toBe(blocked);
  });
});
