import type { UploadedFile } from "./request-body.ts";
import type { FakeDiscordState } from "./state.ts";

/** What a route handler gets: the fake's memory and the parsed request. */
export interface RouteContext {
  /** The fake's memory. */
  readonly state: FakeDiscordState;
  /** Named path parameters, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string. */
  readonly query: URLSearchParams;
  /** The JSON body (or `payload_json`), undefined when there was none. */
  readonly body: unknown;
  /** Files of a multipart body. */
  readonly files: readonly UploadedFile[];
}

/** A handler's answer: a status and a JSON body, or no body for 204. */
export interface RouteResult {
  status: number;
  body?: unknown;
}

/** One REST route of the fake. */
export interface Route {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path after `/api/v10`, with `:name` parameters, e.g. "/channels/:channel/messages". */
  readonly template: string;
  /** True when the route needs `Authorization: Bot <token>` (interaction callbacks and webhooks don't). */
  readonly auth: boolean;
  /** The parameters that form the rate-limit major parameter, e.g. ["channel"]. */
  readonly major: readonly string[];
  /** Answers the request, or throws a `DiscordApiError`. */
  readonly handle: (ctx: RouteContext) => RouteResult;
}

/** Declares a route; `auth` defaults to true and `major` to none. */
export function route(
  method: string,
  template: string,
  handle: (ctx: RouteContext) => RouteResult,
  options: { auth?: boolean; major?: string[] } = {},
): Route {
  return { method, template, handle, auth: options.auth ?? true, major: options.major ?? [] };
}

/** A JSON answer with status 200. */
export function ok(body: unknown): RouteResult {
  return { status: 200, body };
}

/** An empty answer with status 204. */
export const NO_CONTENT: RouteResult = { status: 204 };

/** The outcome of matching a request against the routes. */
export type RouteMatch = { route: Route; params: Record<string, string> } | { route: undefined; pathKnown: boolean };

/**
 * Finds the route for a method and a decoded path (split in segments).
 * Literal segments win over parameters, so "/users/@me" is not read as "/users/:id".
 */
export function matchRoute(routes: readonly Route[], method: string, segments: readonly string[]): RouteMatch {
  let pathKnown = false;
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
  for (const candidate of routes) {
    const parts = candidate.template.split("/").slice(1);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const fits = parts.every((part, i) => {
      const segment = segments[i] as string;
      if (part.startsWith(":")) {
        params[part.slice(1)] = segment;
        return segment !== "";
      }
      literals += 1;
      return part === segment;
    });
    if (!fits) continue;
    pathKnown = true;
    if (candidate.method !== method) continue;
    if (!best || literals > best.literals) best = { route: candidate, params, literals };
  }
  return best ? { route: best.route, params: best.params } : { route: undefined, pathKnown };
}
