import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DiscordApiError, errors } from "./api-error.ts";
import type { FaultPlan } from "./faults.ts";
import type { FakeGateway } from "./gateway.ts";
import { tooManyRequests, type RateLimiter } from "./rate-limits.ts";
import { parseBody, readBody, type ParsedBody } from "./request-body.ts";
import { matchRoute, type Route, type RouteResult } from "./router.ts";
import type { FakeDiscordState } from "./state.ts";
import { createDelays } from "../shared/delays.ts";

/** One REST request the fake received, in arrival order. */
export interface ApiCall {
  /** Upper-case HTTP method. */
  method: string;
  /** The decoded path after `/api/v10`, e.g. "/webhooks/1/tok/messages/@original". */
  path: string;
  /** The route template it matched, e.g. "/channels/:channel/messages"; undefined for unknown routes. */
  route: string | undefined;
  /** The query string as a plain object. */
  query: Record<string, string>;
  /** The JSON body (or multipart `payload_json`), undefined when there was none. */
  body: unknown;
  /** Files of a multipart body. */
  files: { name: string; size: number }[];
  /** The fake's clock (ms) when the request arrived. */
  at: number;
  /** The HTTP status answered; 0 while pending or when the connection was dropped. */
  status: number;
}

/** What the HTTP layer needs. */
export interface HttpServerDeps {
  /** The only bot token accepted. */
  token: string;
  /** The REST routes. */
  routes: readonly Route[];
  /** The fake's memory and clock. */
  state: FakeDiscordState;
  /** The gateway, which takes over WebSocket upgrades. */
  gateway: FakeGateway;
  /** Faults injected by the test. */
  faults: FaultPlan;
  /** Rate-limit headers and (opt-in) enforcement. */
  limiter: RateLimiter;
  /** Where every request is recorded. */
  calls: ApiCall[];
}

/** The listening server. */
export interface HttpServer {
  /** The port on 127.0.0.1. */
  port: number;
  /** Stops listening, sends delayed answers now and cuts every connection, WebSockets included. */
  close(): Promise<void>;
}

const API_PREFIX = "/api/v10/";

/** Serves the REST API under `/api/v10` and hands WebSocket upgrades to the gateway, on one free port. */
export async function startHttpServer(deps: HttpServerDeps): Promise<HttpServer> {
  const delays = createDelays();
  const wait = delays.wait;
  const server = createServer((req, res) => {
    handle(deps, req, res, wait).catch((error: unknown) => {
      send(res, 500, { message: `500: fake Discord failed: ${String(error)}`, code: 0 }, {});
    });
  });
  server.on("upgrade", (req, socket, head: Buffer) => {
    if ((req.url ?? "/").startsWith("/api")) return void socket.destroy();
    deps.gateway.handleUpgrade(req, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= (async () => {
        delays.releaseAll();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await deps.gateway.close();
        // Let released answers be written before the sockets go.
        await new Promise((resolve) => setImmediate(resolve));
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

async function handle(deps: HttpServerDeps, req: IncomingMessage, res: ServerResponse, wait: (ms: number) => Promise<void>): Promise<void> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = (req.method ?? "GET").toUpperCase();
  const path = decodePath(url.pathname);
  const call: ApiCall = { method, path: path ?? url.pathname, route: undefined, query: Object.fromEntries(url.searchParams), body: undefined, files: [], at: deps.state.now(), status: 0 };
  deps.calls.push(call);
  const answer = (status: number, body: unknown, headers: Record<string, string>): void => {
    call.status = status;
    send(res, status, body, headers);
  };
  const refuse = (error: DiscordApiError, headers: Record<string, string> = {}): void => answer(error.status, error.toBody(), headers);

  if (path === undefined) return refuse(errors.notFound());
  const found = matchRoute(deps.routes, method, path.split("/").slice(1));
  if (!found.route) return refuse(found.pathKnown ? errors.methodNotAllowed() : errors.notFound());
  const { route, params } = found;
  call.route = route.template;

  const authorization = req.headers.authorization;
  if ((authorization !== undefined || route.auth) && authorization !== `Bot ${deps.token}`) return refuse(errors.unauthorized());

  let parsed: ParsedBody;
  try {
    parsed = parseBody(raw, req.headers["content-type"]);
  } catch (error) {
    return refuse(error instanceof DiscordApiError ? error : errors.badJson());
  }
  call.body = parsed.json;
  call.files = parsed.files.map((f) => ({ name: f.name, size: f.size }));

  const bucket = `${method} ${route.template}`;
  const fault = deps.faults.take(method, path);
  if (fault?.kind === "drop") return void req.socket.destroy();
  if (fault?.kind === "500") return refuse(errors.internal());
  if (fault?.kind === "429") {
    const refusal = { retryAfter: fault.retryAfter, global: fault.global === true };
    const tooMany = tooManyRequests(refusal, deps.limiter.exhausted(bucket, fault.retryAfter));
    return answer(429, tooMany.body, tooMany.headers);
  }

  const major = route.major.map((name) => params[name]).join("/");
  const admitted = deps.limiter.admit(bucket, major, route.auth);
  if (admitted.refusal) {
    const tooMany = tooManyRequests(admitted.refusal, admitted.headers);
    return answer(429, tooMany.body, tooMany.headers);
  }

  let result: RouteResult;
  try {
    result = route.handle({ state: deps.state, params, query: url.searchParams, body: parsed.json, files: parsed.files });
  } catch (error) {
    if (!(error instanceof DiscordApiError)) throw error;
    if (fault?.kind === "delay") await wait(fault.ms);
    return refuse(error, admitted.headers);
  }
  if (fault?.kind === "delay") await wait(fault.ms);
  answer(result.status, result.body, admitted.headers);
}

/** The decoded path after `/api/v10` ("/channels/1/messages"), or undefined outside the API. */
function decodePath(pathname: string): string | undefined {
  if (!pathname.startsWith(API_PREFIX)) return undefined;
  try {
    // discord.js may percent-encode segments (e.g. "%40original"); routes see them decoded.
    return "/" + pathname.slice(API_PREFIX.length).split("/").map(decodeURIComponent).join("/");
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(json)) });
  res.end(json);
}
