/**
 * What a process needs to know about Discord sharding before it loads
 * discord.js: whether it is a shard, and how a shard treats its manager's
 * channel. Kept apart from `sharding.ts`, so that `npm start` without a
 * Discord token never loads discord.js.
 */

/** Whether this process is a shard spawned by the ShardingManager (it then runs only its Discord shard). */
export function isShardProcess(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.SHARDING_MANAGER === "true";
}

/**
 * In a shard process: when the manager has already gone (shutdown), discord.js
 * still reports the disconnect over the closed IPC channel; that is expected
 * at exit and must not crash the graceful shutdown.
 */
export function tolerateClosedManagerChannel(): void {
  process.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ERR_IPC_CHANNEL_CLOSED") throw error;
  });
}
