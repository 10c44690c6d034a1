/**
 * Button custom ids, bound to a session and a question: `mq:a:<session>:<number>:<option>`
 * answers practice, `mq:n:<session>` asks for the next one, `mq:r:<session>:<index>:<option>`
 * answers a round question. Discord allows 100 characters.
 */
export type ButtonAction =
  | { readonly kind: "practice-answer"; readonly sessionId: number; readonly number: number; readonly option: number }
  | { readonly kind: "practice-next"; readonly sessionId: number }
  | { readonly kind: "round-answer"; readonly sessionId: number; readonly index: number; readonly option: number };

/** A practice answer button. */
export const practiceAnswerId = (sessionId: number, number: number, option: number) => `mq:a:${sessionId}:${number}:${option}`;
/** The practice "Next" button. */
export const practiceNextId = (sessionId: number) => `mq:n:${sessionId}`;
/** A round answer button. */
export const roundAnswerId = (sessionId: number, index: number, option: number) => `mq:r:${sessionId}:${index}:${option}`;

const MAX_ID = 2 ** 31;
const ok = (...numbers: number[]) => numbers.every((n) => Number.isSafeInteger(n) && n < MAX_ID);

/** Decodes a custom id; undefined for anything malformed or forged into another shape. */
export function parseCustomId(id: string): ButtonAction | undefined {
  const three = /^mq:([ar]):(\d{1,10}):(\d{1,10}):(\d)$/.exec(id);
  if (three) {
    const [a, b, c] = [Number(three[2]), Number(three[3]), Number(three[4])];
    if (!ok(a, b)) return undefined;
    return three[1] === "a" ? { kind: "practice-answer", sessionId: a, number: b, option: c } : { kind: "round-answer", sessionId: a, index: b, option: c };
  }
  const next = /^mq:n:(\d{1,10})$/.exec(id);
  if (next && ok(Number(next[1]))) return { kind: "practice-next", sessionId: Number(next[1]) };
  return undefined;
}
