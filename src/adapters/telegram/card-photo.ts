import { GrammyError, InputFile } from "grammy";
import type { CardImage } from "../../cards/index.ts";

/** Telegram's limit on a photo caption: 1024 characters after the HTML is parsed. */
export const MAX_CAPTION_LENGTH = 1024;

/** How a card reaches one chat: a photo (with an optional caption) and a text message, both HTML. */
export interface PhotoTarget {
  sendPhoto(photo: InputFile, caption: string | undefined): Promise<unknown>;
  sendText(html: string): Promise<unknown>;
}

/** The length of Telegram HTML as Telegram counts it: tags dropped, entities as one character each. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, "_").length;
}

/**
 * Sends a card and its text version: one photo with the text as its caption,
 * or, when the text is over the caption limit, the photo and then the text as
 * a message. Returns false, having sent nothing, when Telegram refuses the
 * photo itself (a 400 such as IMAGE_PROCESS_FAILED), so the caller can send
 * the text alone; other errors (network, 403) are thrown as for any send.
 */
export async function sendCardPhoto(target: PhotoTarget, image: CardImage, html: string, onRefused: (reason: string) => void): Promise<boolean> {
  const photo = new InputFile(image.png, image.fileName);
  const fits = visibleLength(html) <= MAX_CAPTION_LENGTH;
  try {
    await target.sendPhoto(photo, fits ? html : undefined);
  } catch (error) {
    if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    onRefused(`${error.error_code} ${error.description}`);
    return false;
  }
  if (!fits) await target.sendText(html);
  return true;
}
