import type { APIApplicationCommand } from "discord.js";
import { errors } from "./api-error.ts";
import { NO_CONTENT, ok, route, type Route, type RouteContext } from "./router.ts";
import type { FakeDiscordState } from "./state.ts";
import { ErrorTree, type Path } from "./validation.ts";

/** Discord's rule for chat-input command and option names (lower case, 1 to 32 characters). */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Devanagari}\p{sc=Thai}]{1,32}$/u;

type RawCommand = Record<string, unknown>;

function checkName(tree: ErrorTree, path: Path, name: unknown, chatInput: boolean): void {
  const valid = typeof name === "string" && (chatInput ? CHAT_INPUT_NAME.test(name) && name === name.toLowerCase() : name.length >= 1 && name.length <= 32);
  if (!valid) tree.add([...path, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
}

function checkDescription(tree: ErrorTree, path: Path, description: unknown): void {
  if (typeof description !== "string" || description.length < 1 || description.length > 100) {
    tree.add([...path, "description"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
  }
}

function checkOptions(tree: ErrorTree, path: Path, options: unknown): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) return tree.add([...path, "options"], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
  if (options.length > 25) tree.add([...path, "options"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  options.forEach((raw: unknown, i) => {
    const option = (raw ?? {}) as RawCommand;
    const at = [...path, "options", i];
    checkName(tree, at, option["name"], true);
    checkDescription(tree, at, option["description"]);
    if (Array.isArray(option["choices"]) && option["choices"].length > 25) tree.add([...at, "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    checkOptions(tree, at, option["options"]);
  });
}

/** Checks a list of commands as Discord does on a bulk overwrite; throws 50035. */
function checkCommands(body: unknown): RawCommand[] {
  if (!Array.isArray(body)) throw errors.invalidFormBody({ _errors: [{ code: "LIST_TYPE_CONVERT", message: "Only iterables may be used in a ListType" }] });
  const tree = new ErrorTree();
  const seen = new Set<string>();
  body.forEach((raw: unknown, i) => {
    const command = (raw ?? {}) as RawCommand;
    const type = typeof command["type"] === "number" ? command["type"] : 1;
    checkName(tree, [i], command["name"], type === 1);
    if (type === 1) checkDescription(tree, [i], command["description"]);
    checkOptions(tree, [i], command["options"]);
    const key = `${type}:${String(command["name"])}`;
    if (seen.has(key)) tree.add([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
    seen.add(key);
  });
  if (body.filter((c: RawCommand) => (c?.["type"] ?? 1) === 1).length > 100) tree.add([], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
  if (tree.count > 0) throw errors.invalidFormBody(tree.root);
  return body as RawCommand[];
}

/** A command as Discord stores and returns it; keeps the id of a same-named command already there. */
function stored(state: FakeDiscordState, raw: RawCommand, guildId: string | undefined, previous: APIApplicationCommand[]): APIApplicationCommand {
  const type = typeof raw["type"] === "number" ? raw["type"] : 1;
  const same = previous.find((c) => c.name === raw["name"] && c.type === type);
  return {
    ...raw,
    id: same?.id ?? state.snowflakes.next(),
    application_id: state.applicationId,
    version: state.snowflakes.next(),
    type,
    ...(guildId === undefined ? {} : { guild_id: guildId }),
    description: typeof raw["description"] === "string" ? raw["description"] : "",
    default_member_permissions: (raw["default_member_permissions"] as string | null | undefined) ?? null,
    nsfw: raw["nsfw"] === true,
    integration_types: (raw["integration_types"] as number[] | undefined) ?? [0],
    contexts: (raw["contexts"] as number[] | null | undefined) ?? null,
  } as APIApplicationCommand;
}

/** Command routes for one scope: global ("/applications/:app/commands") or one guild's. */
function scopeRoutes(base: string, major: string[]): Route[] {
  const scope = ({ state, params }: RouteContext): { key: string; guildId: string | undefined } => {
    if (params["app"] !== state.applicationId) throw errors.missingAccess();
    const guildId = params["guild"];
    return { key: guildId ?? "global", guildId };
  };
  return [
    route("GET", base, (ctx) => ok(ctx.state.commands.get(scope(ctx).key) ?? []), { major }),
    route(
      "PUT",
      base,
      (ctx) => {
        const { key, guildId } = scope(ctx);
        const previous = ctx.state.commands.get(key) ?? [];
        const commands = checkCommands(ctx.body).map((raw) => stored(ctx.state, raw, guildId, previous));
        ctx.state.commands.set(key, commands);
        return ok(commands);
      },
      { major },
    ),
    route(
      "POST",
      base,
      (ctx) => {
        const { key, guildId } = scope(ctx);
        const previous = ctx.state.commands.get(key) ?? [];
        const [raw] = checkCommands([ctx.body]) as [RawCommand];
        const command = stored(ctx.state, raw, guildId, previous);
        const existed = previous.some((c) => c.id === command.id);
        ctx.state.commands.set(key, existed ? previous.map((c) => (c.id === command.id ? command : c)) : [...previous, command]);
        return { status: existed ? 200 : 201, body: command };
      },
      { major },
    ),
    route(
      "DELETE",
      `${base}/:command`,
      (ctx) => {
        const { key } = scope(ctx);
        const previous = ctx.state.commands.get(key) ?? [];
        if (!previous.some((c) => c.id === ctx.params["command"])) throw errors.unknownCommand();
        ctx.state.commands.set(key, previous.filter((c) => c.id !== ctx.params["command"]));
        return NO_CONTENT;
      },
      { major },
    ),
  ];
}

/** Application command routes: bulk overwrite, list, create and delete, global and per guild. */
export const commandRoutes: Route[] = [
  ...scopeRoutes("/applications/:app/commands", []),
  ...scopeRoutes("/applications/:app/guilds/:guild/commands", ["guild"]),
];
