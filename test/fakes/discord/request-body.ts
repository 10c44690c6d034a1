import type { IncomingMessage } from "node:http";
import { errors } from "./api-error.ts";

/** A file part of a multipart request, as the fake records it. */
export interface UploadedFile {
  /** The form field, e.g. "files[0]". */
  field: string;
  /** The filename the client sent. */
  name: string;
  /** Size in bytes. */
  size: number;
  /** The part's Content-Type, if it had one. */
  contentType?: string;
  /** The file's content, as uploaded. */
  bytes: Buffer;
}

/** A parsed request body: the JSON payload (from the body or `payload_json`) and any files. */
export interface ParsedBody {
  /** The JSON payload; undefined when the request had no body. */
  json: unknown;
  /** Uploaded files, in form order. */
  files: UploadedFile[];
}

/** Reads a whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses a body the way Discord does: `application/json`, or
 * `multipart/form-data` whose `payload_json` part holds the JSON and whose
 * file parts (discord.js names them `files[n]`) hold attachments.
 * Throws Discord's 50109 for JSON it can't parse.
 */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { json: undefined, files: [] };
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
    if (!boundary) throw errors.badJson();
    return parseMultipart(raw, (boundary[1] ?? boundary[2]) as string);
  }
  return { json: parseJson(raw.toString("utf8")), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw errors.badJson();
  }
}

function parseMultipart(raw: Buffer, boundary: string): ParsedBody {
  const delimiter = Buffer.from(`--${boundary}`);
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === "--") break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    // Each part runs from the CRLF after its delimiter to the CRLF before the next one.
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    if (split >= 0) {
      const headers = part.subarray(0, split).toString("utf8");
      const content = part.subarray(split + 4);
      const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const partType = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim();
      if (name !== undefined && filename !== undefined) {
        files.push({ field: name, name: filename, size: content.length, ...(partType === undefined ? {} : { contentType: partType }), bytes: Buffer.from(content) });
      } else if (name !== undefined) {
        fields[name] = content.toString("utf8");
      }
    }
    at = next;
  }
  const payload = fields["payload_json"];
  return { json: payload === undefined ? undefined : parseJson(payload), files };
}
