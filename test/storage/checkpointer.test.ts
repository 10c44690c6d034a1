import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FALLBACK_AUTOCHECKPOINT_PAGES } from "../../src/storage/checkpointer.ts";
import { backgroundCheckpointerOf, closeDatabase, createSqliteStore, openDatabase } from "../../src/storage/index.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});


describe("the background checkpointer", () => {
  it("folds the log into the file from a worker, so the log restarts instead of growing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memquiz-ckpt-"));
    dirs.push(dir);
    const path = join(dir, "bot.db");
    // A scheduled tick far away: the test asks the worker to checkpoint after each burst.
    const db = openDatabase(path, { backgroundCheckpoint: { intervalMs: 3_600_000 } });
    const worker = backgroundCheckpointerOf(db)!;
    try {
      // The committing connection only checkpoints as a far-off safety net.
      expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
      db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
      const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
      const body = "x".repeat(2000);
      let walAfterFirstBurst = 0;
      for (let burst = 0; burst < 5; burst++) {
        for (let i = 0; i < 300; i++) insert.run(body);
        if (burst === 0) walAfterFirstBurst = statSync(`${path}-wal`).size;
        const result = await worker.checkpointNow();
        expect(result.log).toBeGreaterThanOrEqual(600);
        expect(result.checkpointed).toBe(result.log);
      }
      // 1,500 commits of ~2 KB each would be several MB of log without a checkpoint;
      // with the worker the log starts over after each complete checkpoint.
      expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(walAfterFirstBurst * 1.1);
      expect(db.prepare("SELECT COUNT(*) FROM t").pluck().get()).toBe(1500);
    } finally {
      closeDatabase(db);
    }
    await expect(worker.checkpointNow()).rejects.toThrow("stopped");
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = openDatabase(path);
    expect(reopened.prepare("SELECT COUNT(*) FROM t").pluck().get()).toBe(1500);
    closeDatabase(reopened);
  });

  it("waits for a tick with no commit through the store, unless the last checkpoint is too old", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memquiz-ckpt-"));
    dirs.push(dir);
    const hour = 3_600_000;
    // Ticks only when the test asks; the deferral never runs out on its own.
    const db = openDatabase(join(dir, "bot.db"), { backgroundCheckpoint: { intervalMs: hour, maxDeferMs: hour } });
    const worker = backgroundCheckpointerOf(db)!;
    const store = createSqliteStore(db);
    try {
      store.transaction(() => store.upsertUser("tg:1", "Ann"));
      // The writer committed since the last tick: this tick waits and checkpoints nothing.
      expect(await worker.tickNow()).toBeUndefined();
      store.transaction(() => store.ensureChat("tg:-1", "group"));
      // Still writing: it waits again.
      expect(await worker.tickNow()).toBeUndefined();
      // A quiet tick: the log goes into the file in one go.
      const quiet = await worker.tickNow();
      expect(quiet?.log).toBeGreaterThan(0);
      expect(quiet?.checkpointed).toBe(quiet?.log);
      expect(store.getUser("tg:1")?.name).toBe("Ann");
      expect(store.getChat("tg:-1")?.kind).toBe("group");
    } finally {
      closeDatabase(db);
    }
  });

  it("checkpoints while the writer keeps committing once the deferral has run out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memquiz-ckpt-"));
    dirs.push(dir);
    const db = openDatabase(join(dir, "bot.db"), { backgroundCheckpoint: { intervalMs: 3_600_000, maxDeferMs: 0 } });
    const worker = backgroundCheckpointerOf(db)!;
    const store = createSqliteStore(db);
    try {
      for (let i = 0; i < 3; i++) {
        store.transaction(() => store.upsertUser(`tg:${i}`, `user ${i}`));
        const result = await worker.tickNow();
        expect(result?.log).toBeGreaterThan(0);
        expect(result?.checkpointed).toBe(result?.log);
      }
    } finally {
      closeDatabase(db);
    }
  });

  it("is not started for in-memory databases", () => {
    const db = openDatabase(":memory:", { backgroundCheckpoint: true });
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    expect(backgroundCheckpointerOf(db)).toBeUndefined();
    closeDatabase(db);
  });
});
