import { ok, route, type Route } from "./router.ts";

/** What the bot's own routes report. */
export interface BotRouteInfo {
  /** The gateway URL, `ws://127.0.0.1:<port>`. */
  gatewayUrl: string;
  /** The recommended shard count for `GET /gateway/bot`. */
  shards: number;
  /** `session_start_limit.max_concurrency`: how many shards may identify at once. */
  maxConcurrency: number;
}

/**
 * The bot's own routes: gateway discovery (what `client.login` asks first),
 * the current user and the current application.
 */
export function botRoutes(info: BotRouteInfo): Route[] {
  return [
    route("GET", "/gateway", () => ok({ url: info.gatewayUrl }), { auth: false }),
    route("GET", "/gateway/bot", () =>
      ok({
        url: info.gatewayUrl,
        shards: info.shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: info.maxConcurrency },
      }),
    ),
    route("GET", "/users/@me", ({ state }) => ok({ ...state.botUser, verified: true, mfa_enabled: false, flags: 0, locale: "en-US" })),
    route("GET", "/applications/@me", ({ state }) =>
      ok({
        id: state.applicationId,
        name: state.botUser.username,
        icon: null,
        description: "",
        summary: "",
        type: null,
        bot: state.botUser,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: "0".repeat(64),
        flags: 0,
        owner: { id: "100000000000000001", username: "memquiz-owner", discriminator: "0", global_name: null, avatar: null, public_flags: 0 },
        team: null,
        approximate_guild_count: state.guilds.size,
        integration_types_config: { "0": {} },
        tags: [],
      }),
    ),
  ];
}
