import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { guildCreatePayload } from "./payloads.ts";
import { shardOfGuild } from "./snowflakes.ts";
import type { FakeDiscordState } from "./state.ts";

/** An IDENTIFY the gateway accepted, as the client sent it. */
export interface IdentifyRecord {
  /** `[shard_id, num_shards]`; `[0, 1]` when the client sent none. */
  shard: [number, number];
  /** The intents bitfield. */
  intents: number;
  /** The connection properties (os, browser, device). */
  properties: unknown;
  /** Whether the client asked for payload compression (the fake never compresses). */
  compress: boolean;
  /** The fake's clock (ms) when it arrived. */
  at: number;
}

/** How a client opened the gateway socket: the query string it used. */
export interface GatewayConnection {
  /** `v`, which must be "10". */
  version: string | null;
  /** `encoding`; only "json" is served. */
  encoding: string | null;
  /** `compress`, e.g. "zlib-stream"; ignored: the fake always sends uncompressed text frames, which every client reads. */
  compress: string | null;
}

/** What the gateway needs from the rest of the fake. */
export interface GatewayOptions {
  /** The only token IDENTIFY and RESUME accept. */
  token: string;
  /** The fake's memory, for READY, GUILD_CREATE and the clock. */
  state: FakeDiscordState;
  /** The interval HELLO announces. */
  heartbeatIntervalMs: number;
  /** Privileged intents the application may use (GuildMembers, GuildPresences, MessageContent); others close with 4014. */
  privilegedIntents: number;
  /** `ws://127.0.0.1:<port>`, sent as `resume_gateway_url`. */
  url: () => string;
}

interface Session {
  id: string;
  shardId: number;
  shardCount: number;
  seq: number;
  socket: WebSocket | undefined;
  /** Dispatches sent in this session, replayed after a RESUME. */
  sent: { op: 0; t: string; s: number; d: unknown }[];
}

interface Connection {
  socket: WebSocket;
  session: Session | undefined;
}

const GUILDS_INTENT = 1;
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const IMPORTANT_AFTER_IDENTIFY = new Set([3, 4, 8, 31]);

/**
 * A fake Discord gateway (v10, JSON, no compression) served on the REST
 * server's port: HELLO, heartbeats, IDENTIFY → READY (+ GUILD_CREATE for the
 * shard's guilds), RESUME with replay, and Discord's close codes for
 * protocol errors.
 */
export class FakeGateway {
  /** Every accepted IDENTIFY, in order. */
  readonly identifies: IdentifyRecord[] = [];
  /** Every socket the clients opened, in order. */
  readonly connections: GatewayConnection[] = [];
  /** Shard ids that identified and got READY, at any time. */
  readonly shardsReady = new Set<number>();
  /** How many RESUMEs succeeded. */
  resumes = 0;
  /** How many heartbeats were answered. */
  heartbeats = 0;
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly readyListeners = new Set<() => void>();

  constructor(private readonly options: GatewayOptions) {
    this.server.on("connection", (socket: WebSocket, req: IncomingMessage) => this.accept(socket, req));
  }

  /** Takes over an HTTP upgrade request aimed at the gateway. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.server.emit("connection", ws, req));
  }

  /**
   * Sends a dispatch (op 0) to one shard's session; a disconnected but
   * resumable session keeps it for replay. Throws when no session serves that shard.
   */
  dispatch(shardId: number, event: string, data: unknown): void {
    const session = this.sessionFor((s) => s.shardId === shardId);
    if (!session) throw new Error(`fake Discord gateway: no session for shard ${shardId} (did the client log in?)`);
    this.send(session, event, data);
  }

  /** The shard a guild's events go to, per the identified sessions (`(guild_id >> 22) % num_shards`); 0 for DMs. */
  shardFor(guildId: string | undefined): number {
    if (guildId === undefined) return 0;
    const session = this.sessionFor((s) => s.shardId === shardOfGuild(guildId, s.shardCount));
    return session?.shardId ?? 0;
  }

  /** Asks a shard to reconnect (op 7), as Discord does before maintenance; discord.js then resumes. */
  requestReconnect(shardId: number): void {
    const socket = this.sessionFor((s) => s.shardId === shardId && s.socket !== undefined)?.socket;
    socket?.send(JSON.stringify({ op: 7, d: null, s: null, t: null }));
  }

  /** Closes a shard's socket with a close code (4000 lets the client resume; 4004 ends it). */
  closeShard(shardId: number, code: number, reason = ""): void {
    this.sessionFor((s) => s.shardId === shardId && s.socket !== undefined)?.socket?.close(code, reason);
  }

  /** Resolves once `count` distinct shards have been READY, or rejects after `timeoutMs`. */
  waitForShards(count: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.shardsReady.size < count) return;
        clearTimeout(timer);
        this.readyListeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.readyListeners.delete(check);
        reject(new Error(`fake Discord gateway: ${this.shardsReady.size} of ${count} shards ready after ${timeoutMs} ms`));
      }, timeoutMs);
      this.readyListeners.add(check);
      check();
    });
  }

  /** Cuts every socket and stops accepting new ones. */
  async close(): Promise<void> {
    for (const socket of this.server.clients) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket, req: IncomingMessage): void {
    const query = new URL(req.url ?? "/", "ws://127.0.0.1").searchParams;
    const info: GatewayConnection = { version: query.get("v"), encoding: query.get("encoding"), compress: query.get("compress") };
    this.connections.push(info);
    if (info.version !== "10") return socket.close(4012, "Invalid API version");
    if (info.encoding !== null && info.encoding !== "json") return socket.close(4002, "Error while decoding payload.");
    const connection: Connection = { socket, session: undefined };
    socket.on("message", (raw: RawData, isBinary: boolean) => this.receive(connection, raw, isBinary));
    socket.on("close", (code: number) => this.closed(connection, code));
    socket.on("error", () => undefined);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["gateway-fake",{"micros":0}]'] }, s: null, t: null }));
  }

  private receive(connection: Connection, raw: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(isBinary ? "" : raw.toString()) as { op?: unknown; d?: unknown };
    } catch {
      return connection.socket.close(4002, "Error while decoding payload.");
    }
    const { socket } = connection;
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        return socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      case 2:
        return this.identify(connection, (payload.d ?? {}) as Record<string, unknown>);
      case 6:
        return this.resume(connection, (payload.d ?? {}) as Record<string, unknown>);
      default:
        if (typeof payload.op !== "number" || !IMPORTANT_AFTER_IDENTIFY.has(payload.op)) return socket.close(4001, "Unknown opcode.");
        if (!connection.session) return socket.close(4003, "Not authenticated.");
    }
  }

  private identify(connection: Connection, d: Record<string, unknown>): void {
    const { socket } = connection;
    if (connection.session) return socket.close(4005, "Already authenticated.");
    if (d["token"] !== this.options.token) return socket.close(4004, "Authentication failed.");
    const shard = Array.isArray(d["shard"]) ? (d["shard"] as unknown[]) : [0, 1];
    const [shardId, shardCount] = shard;
    if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || (shardCount as number) < 1 || (shardId as number) < 0 || (shardId as number) >= (shardCount as number)) {
      return socket.close(4010, "Invalid shard.");
    }
    const intents = d["intents"];
    if (typeof intents !== "number" || !Number.isInteger(intents) || intents < 0) return socket.close(4013, "Invalid intent(s).");
    if ((intents & PRIVILEGED_INTENTS & ~this.options.privilegedIntents) !== 0) return socket.close(4014, "Disallowed intent(s).");
    const { state } = this.options;
    this.identifies.push({ shard: [shardId as number, shardCount as number], intents, properties: d["properties"], compress: d["compress"] === true, at: state.now() });

    const session: Session = { id: sessionId(this.identifies.length), shardId: shardId as number, shardCount: shardCount as number, seq: 0, socket, sent: [] };
    this.sessions.set(session.id, session);
    connection.session = session;
    const guilds = [...state.guilds.values()].filter((g) => shardOfGuild(g.id, session.shardCount) === session.shardId);
    this.send(session, "READY", {
      v: 10,
      user: { ...state.botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: this.options.url(),
      shard: [session.shardId, session.shardCount],
      application: { id: state.applicationId, flags: 1 << 23 },
      user_settings: {},
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ["fake-east"],
      auth: {},
      _trace: ['["gateway-fake",{"micros":0}]'],
    });
    this.shardsReady.add(session.shardId);
    for (const listener of [...this.readyListeners]) listener();
    // Without the Guilds intent Discord sends no GUILD_CREATE; discord.js then stops waiting at once.
    if ((intents & GUILDS_INTENT) !== 0) for (const guild of guilds) this.send(session, "GUILD_CREATE", guildCreatePayload(state, guild));
  }

  private resume(connection: Connection, d: Record<string, unknown>): void {
    const { socket } = connection;
    if (connection.session) return socket.close(4005, "Already authenticated.");
    if (d["token"] !== this.options.token) return socket.close(4004, "Authentication failed.");
    const session = this.sessions.get(String(d["session_id"]));
    if (!session) return void socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
    const seq = typeof d["seq"] === "number" ? d["seq"] : 0;
    if (seq > session.seq) return socket.close(4007, "Invalid seq.");
    session.socket?.close(4009, "Session resumed elsewhere.");
    session.socket = socket;
    connection.session = session;
    this.resumes += 1;
    for (const frame of session.sent) if (frame.s > seq) socket.send(JSON.stringify(frame));
    this.send(session, "RESUMED", { _trace: ['["gateway-fake",{"micros":0}]'] });
  }

  private closed(connection: Connection, code: number): void {
    const session = connection.session;
    if (!session || session.socket !== connection.socket) return;
    session.socket = undefined;
    // A clean close (1000/1001) ends the session; any other code leaves it resumable, as on Discord.
    if (code === 1000 || code === 1001) this.sessions.delete(session.id);
  }

  private send(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    const frame = { op: 0 as const, t: event, s: session.seq, d: data };
    session.sent.push(frame);
    if (session.sent.length > 1000) session.sent.shift();
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify(frame));
  }

  /** The newest session matching `filter`, preferring connected ones. */
  private sessionFor(filter: (s: Session) => boolean): Session | undefined {
    const matching = [...this.sessions.values()].filter(filter).reverse();
    return matching.find((s) => s.socket !== undefined) ?? matching[0];
  }
}

function sessionId(n: number): string {
  return createHash("md5").update(`fake-session:${n}`).digest("hex");
}
