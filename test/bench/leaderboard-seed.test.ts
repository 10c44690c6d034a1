import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withTempDir } from "../../bench/perf/common.ts";
import { chatIdOf, seedLeaderboardDatabase, seedParams, userIdOf } from "../../bench/perf/leaderboard-seed.ts";
import { verifyLeaderboardSeed } from "../../bench/perf/leaderboard-verify.ts";
import { closeDatabase, loadBankFromDir, openDatabase } from "../../src/storage/index.ts";

// The leaderboard benchmark trusts its bulk-loaded database only because this verification
// agrees with the app's scoring; it must also notice when the database is wrong.
describe("the seeded leaderboard database", () => {
  it("matches the app's scoring and recomputation, and the check notices a changed row or award", async () => {
    const loaded = loadBankFromDir("questions");
    if (!loaded.ok) throw new Error("the bundled bank does not load");
    const bank = loaded.bank;
    const params = { ...seedParams(true), users: 2_000, chats: 20, answers: 20_000 };
    await withTempDir("memquiz-seed-test-", (dir) => {
      const path = join(dir, "seed.db");
      const stats = seedLeaderboardDatabase(path, params, bank, () => {});
      expect(stats.answers).toBe(20_000);
      expect(stats.awards).toBeGreaterThan(0);
      const db = openDatabase(path);
      try {
        const sample = { chats: [chatIdOf(0), chatIdOf(7)], users: [userIdOf(3), userIdOf(1_500)], full: true };
        const clean = verifyLeaderboardSeed(db, bank, sample);
        expect(clean).toMatchObject({ awardMismatches: 0, rowMismatches: 0, checkProblems: 0 });
        expect(clean.rowsCompared).toBeGreaterThan(0);
        expect(clean.awardsCompared).toBeGreaterThan(0);

        db.prepare("UPDATE scores SET points = points + 1 WHERE scope = ? AND period = 'all'").run(chatIdOf(7));
        const row = verifyLeaderboardSeed(db, bank, { ...sample, users: [] });
        expect(row.rowMismatches).toBeGreaterThan(0);
        expect(row.checkProblems).toBeGreaterThan(0);

        db.prepare("UPDATE awards SET points = points + 1 WHERE answer_id = (SELECT MIN(answer_id) FROM awards WHERE chat_id = ?)").run(chatIdOf(0));
        expect(verifyLeaderboardSeed(db, bank, { ...sample, users: [] }).awardMismatches).toBe(1);
      } finally {
        closeDatabase(db);
      }
    });
  });
});
