/** Discord's epoch, 2015-01-01T00:00:00Z, in milliseconds. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Makes Discord snowflakes on the fake's clock: the timestamp sits in the top
 * bits, so ids sort by creation time and `createdTimestamp` is right.
 *
 * Ids stay unique when the clock stands still (tests often freeze it): a
 * per-millisecond counter fills the low 12 bits and, when it runs out,
 * borrows the next millisecond.
 */
export class SnowflakeSource {
  private lastMs = 0n;
  private increment = 0n;

  constructor(private readonly now: () => number) {}

  /** A new snowflake, as Discord sends it: a decimal string of 18 or 19 digits. */
  next(): string {
    let ms = BigInt(Math.floor(this.now()));
    if (ms < this.lastMs) ms = this.lastMs;
    if (ms === this.lastMs) {
      this.increment += 1n;
      if (this.increment > 0xfffn) {
        ms += 1n;
        this.increment = 0n;
      }
    } else {
      this.increment = 0n;
    }
    this.lastMs = ms;
    // Worker 1, process 0, as a single fake machine.
    return (((ms - DISCORD_EPOCH) << 22n) | (1n << 17n) | this.increment).toString();
  }
}

/** The time (ms) a snowflake was made. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Which shard receives a guild's events: `(guild_id >> 22) % shardCount`, as Discord routes them. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A Discord timestamp string, e.g. `2026-11-25T12:00:00.000000+00:00`. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000+00:00");
}

/** True for a string that looks like a snowflake (17 to 20 digits). */
export function isSnowflake(value: unknown): value is string {
  return typeof value === "string" && /^\d{17,20}$/.test(value);
}
