/**
 * Compact `callback_data` for inline buttons, bound to a practice session and
 * the question's running number: `a:<session>:<number>:<option>` answers,
 * `n:<session>` asks for the next question. Telegram allows 64 bytes.
 */
export type CallbackAction =
  | { readonly kind: "answer"; readonly sessionId: number; readonly number: number; readonly option: number }
  | { readonly kind: "next"; readonly sessionId: number };

/** Encodes an answer button. */
export function answerData(sessionId: number, number: number, option: number): string {
  return `a:${sessionId}:${number}:${option}`;
}

/** Encodes a "Next" button. */
export function nextData(sessionId: number): string {
  return `n:${sessionId}`;
}

const MAX_ID = 2 ** 31;

/** Decodes callback data; undefined for anything malformed or forged into another shape. */
export function parseCallbackData(data: string | undefined): CallbackAction | undefined {
  if (data === undefined || data.length > 64) return undefined;
  const answer = /^a:(\d{1,10}):(\d{1,10}):(\d)$/.exec(data);
  if (answer) {
    const [sessionId, number, option] = [Number(answer[1]), Number(answer[2]), Number(answer[3])];
    if (sessionId >= MAX_ID || number >= MAX_ID) return undefined;
    return { kind: "answer", sessionId, number, option };
  }
  const next = /^n:(\d{1,10})$/.exec(data);
  if (next && Number(next[1]) < MAX_ID) return { kind: "next", sessionId: Number(next[1]) };
  return undefined;
}
