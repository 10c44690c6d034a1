import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.ts";
import type { Params } from "./params.ts";

/** A file part of a multipart upload, as the fake records it. */
export interface UploadedFile {
  /** The filename the client sent. */
  filename: string;
  /** Size in bytes. */
  size: number;
  /** The part's Content-Type, if it had one. */
  contentType?: string;
  /** The file's content, as uploaded. */
  bytes: Buffer;
}

/** Reads a whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Turns a Bot API request into parameters: the query string, then a JSON,
 * urlencoded or multipart/form-data body. Form values that hold JSON objects or
 * arrays are parsed; other form values stay strings, which the handlers coerce
 * as Telegram does. Uploaded files become `{ filename, size, contentType, bytes }`, put where the
 * `attach://<name>` that refers to them was.
 */
export function parseParams(body: Buffer, contentType: string | undefined, query: URLSearchParams): Params {
  const params: Params = fromForm(query);
  if (body.length === 0) return params;
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("can't parse JSON object");
    return { ...params, ...(parsed as Params) };
  }
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
    if (!boundary) throw badRequest("can't parse multipart/form-data: no boundary");
    return { ...params, ...parseMultipart(body, (boundary[1] ?? boundary[2]) as string) };
  }
  return { ...params, ...fromForm(new URLSearchParams(body.toString("utf8"))) };
}

function fromForm(form: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of form) params[key] = formValue(value);
  return params;
}

function formValue(raw: string): unknown {
  const trimmed = raw.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

function parseMultipart(body: Buffer, boundary: string): Params {
  const delimiter = Buffer.from(`--${boundary}`);
  const params: Params = {};
  const files = new Map<string, UploadedFile>();
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // A part sits between "\r\n" after one delimiter and "\r\n" before the next.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, Math.max(0, split)).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    const partType = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim();
    if (split >= 0 && name !== undefined) {
      if (filename === undefined) params[name] = formValue(content.toString("utf8"));
      else files.set(name, { filename, size: content.length, ...(partType === undefined ? {} : { contentType: partType }), bytes: Buffer.from(content) });
    }
    at = next;
  }
  const resolved = resolveAttachments(params, files) as Params;
  for (const [name, file] of files) resolved[name] = file;
  return resolved;
}

/** Replaces "attach://<name>" strings with the uploaded file and forgets that file. */
function resolveAttachments(value: unknown, files: Map<string, UploadedFile>): unknown {
  if (typeof value === "string" && value.startsWith("attach://")) {
    const name = value.slice("attach://".length);
    const file = files.get(name);
    if (!file) return value;
    files.delete(name);
    return file;
  }
  if (Array.isArray(value)) return value.map((v) => resolveAttachments(v, files));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveAttachments(v, files)]));
  }
  return value;
}
