import type BetterSqlite3 from "better-sqlite3";

/** Something that can be emptied when what it remembers may be out of date. */
interface Clearable {
  clear(): void;
}

/**
 * Watches one connection for changes it didn't make itself. SQLite's
 * `PRAGMA data_version` changes whenever another connection (another process
 * sharing the file, a CLI command) commits; then every cache registered here is
 * emptied. The store also empties them when a transaction rolls back and after
 * deleting a user's data, the two ways this connection's own writes can leave
 * a cache ahead of or behind the file.
 */
export class ChangeWatch {
  private readonly versionStmt: BetterSqlite3.Statement<[], number>;
  private version: number;
  private readonly caches: Clearable[] = [];

  constructor(db: BetterSqlite3.Database) {
    this.versionStmt = db.prepare<[], number>("PRAGMA data_version").pluck();
    this.version = this.versionStmt.get() ?? 0;
  }

  /** Registers a cache to be emptied. */
  watch(cache: Clearable): void {
    this.caches.push(cache);
  }

  /** Set while this connection holds the write lock: then no other connection can commit. */
  private locked = false;

  /** Empties every cache if another connection has committed since the last look. */
  check(): void {
    if (this.locked) return;
    const now = this.versionStmt.get() ?? 0;
    if (now === this.version) return;
    this.version = now;
    this.clearAll();
  }

  /**
   * Runs `fn` under a write transaction's lock, checking once at the start:
   * while the lock is held no other connection can commit, so the reads
   * inside need not ask `data_version` again.
   */
  whileLocked<T>(fn: () => T): T {
    if (this.locked) return fn();
    this.check();
    this.locked = true;
    try {
      return fn();
    } finally {
      this.locked = false;
    }
  }

  /** Empties every cache. */
  clearAll(): void {
    for (const cache of this.caches) cache.clear();
  }
}

/** How many keys a cache keeps before it starts over. */
export const READ_CACHE_LIMIT = 5_000;

/**
 * A per-key cache of reads, kept correct by its `ChangeWatch`; writers update
 * or drop their key. Values are shared: callers must not change them.
 */
export class ReadCache<V> implements Clearable {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly changes: ChangeWatch,
    private readonly limit: number = READ_CACHE_LIMIT,
  ) {
    changes.watch(this);
  }

  /** The cached value, or `load()`'s, remembered. */
  get(key: string, load: () => V): V {
    const known = this.peekFresh(key);
    if (known !== undefined) return known;
    const value = load();
    this.set(key, value);
    return value;
  }

  /** Remembers a value a writer has just stored. */
  set(key: string, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
  }

  /** The cached value if there is one and nothing else has committed since (no load). */
  peekFresh(key: string): V | undefined {
    this.changes.check();
    return this.entries.get(key);
  }

  /** The cached value if there is one (no load), for a writer to update in place. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Forgets one key. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
