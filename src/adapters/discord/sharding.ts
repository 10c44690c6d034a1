import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import type { Logger } from "../../app/logger.ts";

/** The entry each shard process runs: the same one as `npm start`. */
const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/**
 * Runs `count` shard processes with discord.js's ShardingManager. Each one is
 * a full memquiz process for its shards, sharing the SQLite file in WAL mode.
 */
export async function startShards(options: { token: string; count: number; log: Logger; env: Readonly<Record<string, string | undefined>> }) {
  const manager = new ShardingManager(MAIN, {
    token: options.token,
    totalShards: options.count,
    mode: "process",
    respawn: true,
    execArgv: ["--import", "tsx"],
  });
  manager.on("shardCreate", (shard) => {
    // Each shard process gets the same settings this process was started with (which may not be process.env).
    const env = Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    shard.env = { ...(shard.env as Record<string, string>), ...env, SHARDING_MANAGER: "true" };
    options.log.info(`discord: shard ${shard.id} of ${options.count} started (process)`);
  });
  await manager.spawn({ amount: options.count, delay: 0, timeout: 60_000 });
  return {
    manager,
    /** Stops every shard process (they shut down gracefully on SIGTERM). */
    async stop(): Promise<void> {
      await Promise.all(
        [...manager.shards.values()].map(
          (shard) =>
            new Promise<void>((resolve) => {
              const child = shard.process;
              if (!child || child.exitCode !== null) return resolve();
              child.once("exit", () => resolve());
              // Shard#kill sends SIGTERM without respawning; the shard shuts down gracefully.
              shard.kill();
            }),
        ),
      );
    },
  };
}
