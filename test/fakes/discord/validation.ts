import { errors, type FormErrors } from "./api-error.ts";

/** MessageFlags.IsComponentsV2: the message uses the newer layout components, with other limits. */
const IS_COMPONENTS_V2 = 1 << 15;

/** A path into a request body, e.g. ["components", 0, "label"]. */
export type Path = (string | number)[];

/** Collects field errors in Discord's nested `{ field: { _errors: [...] } }` shape. */
export class ErrorTree {
  /** The errors collected so far, ready to send. */
  readonly root: FormErrors = {};
  /** How many errors were added. */
  count = 0;

  /** Adds an error at `path`. */
  add(path: Path, code: string, message: string): void {
    let node: FormErrors = this.root;
    for (const key of path) {
      const child = node[String(key)];
      if (child === undefined || Array.isArray(child)) node = node[String(key)] = {};
      else node = child;
    }
    const list = (node["_errors"] ??= []) as { code: string; message: string }[];
    list.push({ code, message });
    this.count += 1;
  }

  /** Adds Discord's max-length error when `value` is a string longer than `max`. */
  maxLength(path: Path, value: unknown, max: number): void {
    if (typeof value === "string" && value.length > max) this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }
}

/** What a message create or edit may carry, loosely typed as it arrives. */
export interface MessageBody {
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
  flags?: unknown;
  attachments?: unknown;
  sticker_ids?: unknown;
  poll?: unknown;
}

/**
 * Checks a message payload against the limits Discord enforces and that a
 * bot can plausibly break: content length, embed lengths, action rows,
 * buttons and custom ids. Throws 50035 "Invalid Form Body" with Discord's
 * nested field errors, or 50006 for an empty message when `create` is set.
 */
export function validateMessageBody(body: unknown, options: { create: boolean; fileCount: number }): MessageBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw errors.invalidFormBody({ _errors: [{ code: "DICT_TYPE_CONVERT", message: "Only dictionaries may be used in a DictType" }] });
  }
  const message = body as MessageBody;
  const tree = new ErrorTree();
  if (message.content !== undefined && message.content !== null && typeof message.content !== "string") {
    tree.add(["content"], "STRING_TYPE_CONVERT", "Could not interpret value as string.");
  }
  tree.maxLength(["content"], message.content, 2000);
  checkEmbeds(tree, message.embeds);
  const flags = typeof message.flags === "number" ? message.flags : 0;
  if ((flags & IS_COMPONENTS_V2) === 0) checkActionRows(tree, message.components);
  if (tree.count > 0) throw errors.invalidFormBody(tree.root);
  if (options.create && isEmpty(message, options.fileCount)) throw errors.emptyMessage();
  return message;
}

function isEmpty(message: MessageBody, fileCount: number): boolean {
  const has = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== "");
  return !has(message.content) && !has(message.embeds) && !has(message.components) && !has(message.sticker_ids) && !has(message.poll) && fileCount === 0;
}

function checkEmbeds(tree: ErrorTree, embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) return tree.add(["embeds"], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
  if (embeds.length > 10) tree.add(["embeds"], "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  let total = 0;
  embeds.forEach((raw: unknown, i) => {
    const embed = (raw ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === "string" ? value.length : 0);
    tree.maxLength(["embeds", i, "title"], embed["title"], 256);
    tree.maxLength(["embeds", i, "description"], embed["description"], 4096);
    const footer = (embed["footer"] ?? {}) as Record<string, unknown>;
    const author = (embed["author"] ?? {}) as Record<string, unknown>;
    tree.maxLength(["embeds", i, "footer", "text"], footer["text"], 2048);
    tree.maxLength(["embeds", i, "author", "name"], author["name"], 256);
    total += text(embed["title"]) + text(embed["description"]) + text(footer["text"]) + text(author["name"]);
    const fields = Array.isArray(embed["fields"]) ? (embed["fields"] as Record<string, unknown>[]) : [];
    if (fields.length > 25) tree.add(["embeds", i, "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    fields.forEach((field, j) => {
      tree.maxLength(["embeds", i, "fields", j, "name"], field["name"], 256);
      tree.maxLength(["embeds", i, "fields", j, "value"], field["value"], 1024);
      total += text(field["name"]) + text(field["value"]);
    });
  });
  if (total > 6000) tree.add(["embeds"], "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
}

function checkActionRows(tree: ErrorTree, rows: unknown): void {
  if (rows === undefined || rows === null) return;
  if (!Array.isArray(rows)) return tree.add(["components"], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
  if (rows.length > 5) tree.add(["components"], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
  const customIds = new Set<string>();
  rows.forEach((raw: unknown, i) => {
    const row = (raw ?? {}) as Record<string, unknown>;
    if (row["type"] !== 1) return tree.add(["components", i, "type"], "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).");
    const children = row["components"];
    if (!Array.isArray(children) || children.length < 1 || children.length > 5) {
      return tree.add(["components", i, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
    }
    children.forEach((rawChild: unknown, j) => {
      const child = (rawChild ?? {}) as Record<string, unknown>;
      const path = ["components", i, "components", j];
      if (child["type"] === 2) {
        tree.maxLength([...path, "label"], child["label"], 80);
        const link = child["style"] === 5 || child["style"] === 6;
        if (!link && typeof child["custom_id"] !== "string") tree.add([...path, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required");
      } else if (children.length > 1) {
        tree.add(["components", i, "components"], "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width");
      }
      tree.maxLength([...path, "custom_id"], child["custom_id"], 100);
      if (typeof child["custom_id"] === "string") {
        if (customIds.has(child["custom_id"])) tree.add([...path, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
        customIds.add(child["custom_id"]);
      }
    });
  });
}
