/** The nested `errors` object of Discord's 50035 "Invalid Form Body". */
export type FormErrors = { [key: string]: FormErrors | { code: string; message: string }[] };

/**
 * A refusal by the fake Discord API, sent as Discord's JSON error body
 * `{ message, code, errors? }` with the same HTTP status.
 *
 * Route handlers throw it; the HTTP layer catches it at one place.
 */
export class DiscordApiError extends Error {
  override readonly name = "DiscordApiError";

  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** Discord's JSON error code, e.g. 10008 for Unknown Message; 0 for plain HTTP errors. */
    readonly code: number,
    /** Discord's `message`, e.g. "Unknown Message". */
    message: string,
    /** Field errors, for 50035 only. */
    readonly errors?: FormErrors,
  ) {
    super(message);
  }

  /** The JSON body Discord sends with this error. */
  toBody(): { message: string; code: number; errors?: FormErrors } {
    return this.errors === undefined ? { message: this.message, code: this.code } : { message: this.message, code: this.code, errors: this.errors };
  }
}

/** The errors Discord answers with, worded as Discord words them. */
export const errors = {
  unauthorized: () => new DiscordApiError(401, 0, "401: Unauthorized"),
  notFound: () => new DiscordApiError(404, 0, "404: Not Found"),
  methodNotAllowed: () => new DiscordApiError(405, 0, "405: Method Not Allowed"),
  internal: () => new DiscordApiError(500, 0, "500: Internal Server Error"),
  unknownChannel: () => new DiscordApiError(404, 10003, "Unknown Channel"),
  unknownMessage: () => new DiscordApiError(404, 10008, "Unknown Message"),
  unknownWebhook: () => new DiscordApiError(404, 10015, "Unknown Webhook"),
  unknownCommand: () => new DiscordApiError(404, 10063, "Unknown application command"),
  unknownInteraction: () => new DiscordApiError(404, 10062, "Unknown interaction"),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, "Interaction has already been acknowledged."),
  missingAccess: () => new DiscordApiError(403, 50001, "Missing Access"),
  editOthers: () => new DiscordApiError(403, 50005, "Cannot edit a message authored by another user"),
  emptyMessage: () => new DiscordApiError(400, 50006, "Cannot send an empty message"),
  invalidWebhookToken: () => new DiscordApiError(401, 50027, "Invalid Webhook Token"),
  badJson: () => new DiscordApiError(400, 50109, "The request body contains invalid JSON."),
  invalidFormBody: (fieldErrors: FormErrors) => new DiscordApiError(400, 50035, "Invalid Form Body", fieldErrors),
};
