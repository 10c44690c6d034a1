import type { Lang, Question } from "../core/bank/types.ts";
import type { CardSpec } from "../core/render/card-data.ts";
import type { Doc } from "../core/render/doc.ts";

/** A finished message to show as it is. */
export interface DocReply {
  readonly type: "doc";
  readonly doc: Doc;
  /** Shown only to the requester where the platform can (Discord ephemeral, Telegram alert). */
  readonly private?: boolean;
  /**
   * A picture of the same content, when the chat has cards on: the adapter
   * draws it and sends it with `doc` as its caption, or `doc` alone when
   * drawing fails.
   */
  readonly card?: CardSpec | undefined;
  /** Confirm and cancel buttons for a pending confirmation (`/forget`). */
  readonly confirm?: ConfirmButtons;
}

/**
 * Buttons that answer a pending confirmation: adapters with buttons bind
 * them to `token`; text chats show `typed`, the command to send instead.
 */
export interface ConfirmButtons {
  readonly token: string;
  readonly confirm: string;
  readonly cancel: string;
  readonly typed: string;
}

/** A practice question: the adapter renders it with answer buttons bound to the session. */
export interface PracticeQuestionReply {
  readonly type: "practice-question";
  readonly lang: Lang;
  readonly sessionId: number;
  /** The question's running number in this practice session; binds buttons to it. */
  readonly number: number;
  readonly question: Question;
  readonly header: string;
}

/** The verdict on a practice answer, with a way on to the next question. */
export interface PracticeFeedbackReply {
  readonly type: "practice-feedback";
  readonly lang: Lang;
  readonly sessionId: number;
  readonly number: number;
  readonly question: Question;
  readonly option: number;
  readonly correct: boolean;
}

/** Everything a use case can answer a request with. */
export type Reply = DocReply | PracticeQuestionReply | PracticeFeedbackReply;

/** A short private notice, such as a refusal or an acknowledgement. */
export function notice(doc: Doc): DocReply {
  return { type: "doc", doc, private: true };
}
