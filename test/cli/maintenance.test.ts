import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.ts";
import { closeDatabase } from "../../src/storage/index.ts";
import { createHarness, ctxFor } from "../helpers/harness.ts";
import { runUntil, say } from "../helpers/daily-driver.ts";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "memquiz-maint-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database with a played round: answers, awards and leaderboard rows in two zones. */
async function playedDatabase(): Promise<{ path: string; h: ReturnType<typeof createHarness> }> {
  const path = join(dir, "memquiz.db");
  const h = createHarness({ dbPath: path });
  const group = "t:g";
  await say(h, ctxFor("t:admin", group, "group", { admin: true }), "/settings tz Asia/Tokyo");
  await say(h, ctxFor("t:ann", group), "/quiz 2");
  for (let i = 0; i < 2; i++) {
    const session = h.app.rounds.current(group)!;
    const q = h.bank.byId(session.state.questionIds[session.state.index]!)!;
    h.app.rounds.answer(ctxFor("t:ann", group), { option: q.answer });
    h.app.rounds.answer(ctxFor("t:bob", group), { option: q.answer });
    await runUntil(h, session.state.closesAt);
  }
  return { path, h };
}

function cli(args: string[], dbPath: string) {
  const out: string[] = [];
  const err: string[] = [];
  const run = runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, env: { MEMQUIZ_DB: dbPath } });
  return run.then((code) => ({ code, out: out.join(""), err: err.join("") }));
}

describe("memquiz check", () => {
  it("passes a database whose boards match the awards, and names a tampered row", async () => {
    const { path, h } = await playedDatabase();
    const ok = await cli(["check"], path);
    expect(ok.out).toContain("integrity_check: ok");
    expect(ok.out).toContain("leaderboard rows that differ from the awards: 0");
    expect(ok.code).toBe(0);
    h.db.prepare("UPDATE scores SET points = points + 5 WHERE scope = 't:g' AND period = 'week' AND user_id = 't:ann'").run();
    const bad = await cli(["check"], path);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/rows that differ from the awards: 1\n {2}t:g week 2026-W48 t:ann: stored \d+, expected \d+/);
    closeDatabase(h.db);
  });

  // Ranks are read from score_counts: a drifted count would show a wrong rank while every row is right.
  it("recounts the players per points total that ranks are read from, and names a drifted count", async () => {
    const { path, h } = await playedDatabase();
    const ok = await cli(["check"], path);
    expect(ok.out).toContain("players per points total that differ from the leaderboard rows: 0");
    h.db.prepare("UPDATE score_counts SET players = players + 1 WHERE scope = 'global' AND period = 'all'").run();
    const bad = await cli(["check"], path);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("leaderboard rows that differ from the awards: 0");
    expect(bad.out).toMatch(/differ from the leaderboard rows: 1\n {2}global all all \d+ points: stored 3 players, expected 2/);
    closeDatabase(h.db);
  });
});

describe("memquiz backup", () => {
  it("copies the database while the bot holds it open, and never overwrites a file", async () => {
    const { path, h } = await playedDatabase();
    const target = join(dir, "copy.db");
    const done = await cli(["backup", target], path);
    expect(done.code).toBe(0);
    expect(done.out).toContain(`to ${target}`);
    const copy = new Database(target, { readonly: true });
    const count = (db: Database.Database) => db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number };
    expect(count(copy)).toEqual(count(h.db));
    expect(count(copy).n).toBe(4);
    copy.close();
    writeFileSync(join(dir, "taken.db"), "keep me");
    const refused = await cli(["backup", join(dir, "taken.db")], path);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("already exists");
    expect((await cli(["backup"], path)).code).toBe(2);
    expect(existsSync(join(dir, "nothing.db"))).toBe(false);
    expect((await cli(["backup", join(dir, "x.db")], join(dir, "nothing.db"))).err).toContain("there is no database");
    closeDatabase(h.db);
  });
});
