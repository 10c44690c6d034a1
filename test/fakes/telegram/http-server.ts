import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { TelegramApiError, tooManyRequests } from "./api-error.ts";
import type { FaultPlan } from "./faults.ts";
import { findMethod, type MethodTable } from "./method-table.ts";
import { chatIdOf, type Params } from "./params.ts";
import { isOutgoingMessage, type RateLimiter } from "./rate-limits.ts";
import { parseParams, readBody } from "./request-body.ts";
import type { FakeState } from "./state.ts";
import type { UpdateQueue } from "./update-queue.ts";
import { createDelays } from "../shared/delays.ts";

/** One request the fake received, in arrival order. */
export interface ApiCall {
  /** The method's canonical name, e.g. "sendMessage", whatever case the client used. */
  method: string;
  /** The parsed body (and query string). */
  params: Params;
  /** The fake's clock (ms) when the request arrived. */
  at: number;
  /** The HTTP status answered once known; 0 when the connection was dropped. */
  status?: number;
}

/** What the HTTP layer needs to serve the Bot API. */
export interface ApiServerDeps {
  /** The only token accepted. */
  token: string;
  /** The implemented methods. */
  methods: MethodTable;
  /** The fake's memory, also the source of the clock. */
  state: FakeState;
  /** The queue behind getUpdates. */
  updates: UpdateQueue;
  /** Faults injected by the test. */
  faults: FaultPlan;
  /** Broadcasting limits, when the test turned them on. */
  limiter: RateLimiter | undefined;
  /** Where every request is recorded. */
  calls: ApiCall[];
}

/** A listening fake Bot API. */
export interface ApiServer {
  /** `http://127.0.0.1:<port>`, for grammY's `client.apiRoot`. */
  apiRoot: string;
  /** Stops listening, answers held long polls, cancels delayed answers and cuts every connection. */
  close(): Promise<void>;
}

const UNAUTHORIZED = new TelegramApiError(401, "Unauthorized");
const NOT_FOUND = new TelegramApiError(404, "Not Found");

/** Serves `/bot<token>/<method>` on 127.0.0.1 at a free port. */
export async function startApiServer(deps: ApiServerDeps): Promise<ApiServer> {
  const delays = createDelays();
  let closing = false;
  const wait = delays.wait;

  const server = createServer((req, res) => {
    handle(deps, req, res, wait).catch((error: unknown) => {
      send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: fake failed: ${String(error)}` });
    });
  });
  // Longer than any test's long poll, so grammY's keep-alive sockets are not reset under it.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    async close() {
      if (closing) return;
      closing = true;
      deps.updates.close();
      // Delayed answers go out now rather than after the test has moved on.
      delays.releaseAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Let released long polls write their answer before the sockets go.
      await new Promise((resolve) => setImmediate(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function handle(deps: ApiServerDeps, req: IncomingMessage, res: ServerResponse, wait: (ms: number) => Promise<void>): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const route = /^\/bot([^/]*)\/([^/]+)$/.exec(url.pathname);
  if (!route) return sendError(res, NOT_FOUND);
  if (route[1] !== deps.token) return sendError(res, UNAUTHORIZED);
  const found = findMethod(deps.methods, route[2] as string);
  if (!found) return sendError(res, NOT_FOUND);

  let params: Params = {};
  let parseError: TelegramApiError | undefined;
  try {
    params = parseParams(body, req.headers["content-type"], url.searchParams);
  } catch (error) {
    parseError = error instanceof TelegramApiError ? error : new TelegramApiError(400, `Bad Request: ${String(error)}`);
  }
  const call: ApiCall = { method: found.name, params, at: deps.state.now() };
  deps.calls.push(call);
  const answer = (status: number, payload: object): void => {
    call.status = status;
    send(res, status, payload);
  };
  const refuse = (error: TelegramApiError): void => answer(error.errorCode, error.toBody());
  if (parseError) return refuse(parseError);

  const fault = deps.faults.take(found.name);
  if (fault?.kind === "drop") {
    call.status = 0;
    req.socket.destroy();
    return;
  }
  if (fault?.kind === "429") return refuse(tooManyRequests(fault.retryAfter));
  if (fault?.kind === "500") return refuse(new TelegramApiError(500, "Internal Server Error"));
  if (fault?.kind === "400") return refuse(new TelegramApiError(400, fault.description));

  const limitedChat = deps.limiter && isOutgoingMessage(found.name) ? safeChatId(params) : undefined;
  if (deps.limiter && limitedChat !== undefined) {
    const refusal = deps.limiter.check(limitedChat, deps.state.isGroup(limitedChat));
    if (refusal) return refuse(refusal);
  }

  const aborted = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted.abort();
  });
  if (req.socket.destroyed) aborted.abort(); // the client left while the body was read
  let status = 200;
  let payload: object;
  try {
    const result: unknown = await found.handler(params, { state: deps.state, updates: deps.updates, signal: aborted.signal });
    payload = { ok: true, result };
    if (deps.limiter && limitedChat !== undefined) deps.limiter.record(limitedChat);
  } catch (error) {
    const refusal = error instanceof TelegramApiError ? error : new TelegramApiError(500, `Internal Server Error: fake failed: ${String(error)}`);
    status = refusal.errorCode;
    payload = refusal.toBody();
  }
  if (fault?.kind === "delay") await wait(fault.ms);
  answer(status, payload);
}

function safeChatId(params: Params): number | undefined {
  try {
    return chatIdOf(params);
  } catch {
    return undefined;
  }
}

function sendError(res: ServerResponse, error: TelegramApiError): void {
  send(res, error.errorCode, error.toBody());
}

function send(res: ServerResponse, status: number, payload: object): void {
  if (res.headersSent || res.destroyed) return;
  const json = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}
