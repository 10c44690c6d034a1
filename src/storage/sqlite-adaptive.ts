import type BetterSqlite3 from "better-sqlite3";
import type { AdaptiveStore, ReviewCardRecord } from "../core/ports.ts";
import { ReadCache, type ChangeWatch } from "./read-cache.ts";
import { fromJson, jsonCopy, toJson } from "./sqlite-json.ts";

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

/** How many users' abilities are cached: enough for every player of the rounds running at once. */
const ABILITY_CACHE_USERS = 1_000;

/** The adaptive engine's state in `abilities`, `question_stats.difficulty` and `review_cards`. */
export class SqliteAdaptiveStore implements AdaptiveStore {
  private readonly abilitiesStmt: Statement<[string], { topic: string; state: string }>;
  private readonly cardStmt: Statement<[string, string], { questionId: string; card: string; dueAt: number }>;
  private readonly putAbilityStmt: Statement<[string, string, string, number]>;
  private readonly difficultiesStmt: Statement<[], { questionId: string; difficulty: string }>;
  private readonly putDifficultyStmt: Statement<[string, number, string]>;
  private readonly answeredStmt: Statement<[string, string], number>;
  private readonly cardsStmt: Statement<[string], { questionId: string; card: string; dueAt: number }>;
  private readonly putCardStmt: Statement<[string, string, string, number, number]>;
  private readonly dueCountStmt: Statement<[string, number], number>;
  private readonly recentPlayersStmt: Statement<[string, number], string>;

  /** `reviewCards` per user: read on every practice pick, and kept up to date by `putReviewCard`. */
  private readonly cards: ReadCache<ReviewCardRecord[]>;
  /**
   * Every ability of a user by topic: read for each practice pick and each
   * answer a close learns from, and kept up to date by `putAbility`. The
   * states are frozen, parsed from the JSON as stored.
   */
  private readonly abilityCache: ReadCache<Map<string, unknown>>;

  constructor(db: BetterSqlite3.Database, changes: ChangeWatch) {
    this.cards = new ReadCache(changes);
    // A user's map holds up to one state per topic: fewer users than the other caches keep RSS low.
    this.abilityCache = new ReadCache(changes, ABILITY_CACHE_USERS);
    this.abilitiesStmt = db.prepare("SELECT topic, state FROM abilities WHERE user_id = ?");
    this.cardStmt = db.prepare("SELECT question_id AS questionId, card, due_at AS dueAt FROM review_cards WHERE user_id = ? AND question_id = ?");
    this.putAbilityStmt = db.prepare(
      `INSERT INTO abilities (user_id, topic, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, topic) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    );
    this.difficultiesStmt = db.prepare("SELECT question_id AS questionId, difficulty FROM question_stats WHERE difficulty IS NOT NULL");
    this.putDifficultyStmt = db.prepare(
      `INSERT INTO question_stats (question_id, attempts, correct, updated_at, difficulty) VALUES (?, 0, 0, ?, ?)
       ON CONFLICT (question_id) DO UPDATE SET difficulty = excluded.difficulty, updated_at = excluded.updated_at`,
    );
    this.answeredStmt = db.prepare<[string, string], number>("SELECT COUNT(*) FROM (SELECT 1 FROM answers WHERE user_id = ? AND question_id = ? LIMIT 2)").pluck();
    this.cardsStmt = db.prepare(
      "SELECT question_id AS questionId, card, due_at AS dueAt FROM review_cards WHERE user_id = ? ORDER BY due_at, question_id",
    );
    this.putCardStmt = db.prepare(
      `INSERT INTO review_cards (user_id, question_id, card, due_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, question_id) DO UPDATE SET card = excluded.card, due_at = excluded.due_at, updated_at = excluded.updated_at`,
    );
    this.recentPlayersStmt = db
      .prepare<[string, number], string>(
        `SELECT user_id FROM (SELECT user_id, answered_at FROM answers WHERE chat_id = ? ORDER BY answered_at DESC LIMIT 500)
         GROUP BY user_id ORDER BY MAX(answered_at) DESC LIMIT ?`,
      )
      .pluck();
    this.dueCountStmt = db.prepare<[string, number], number>("SELECT COUNT(*) FROM review_cards WHERE user_id = ? AND due_at <= ?").pluck();
  }

  private abilityMap(userId: string): Map<string, unknown> {
    return this.abilityCache.get(userId, () => {
      const map = new Map<string, unknown>();
      for (const row of this.abilitiesStmt.all(userId)) map.set(row.topic, Object.freeze(fromJson<unknown>(row.state, `ability ${userId}/${row.topic}`)));
      return map;
    });
  }

  abilities(userId: string): Map<string, unknown> {
    return new Map(this.abilityMap(userId));
  }

  abilitiesIn(userId: string, topics: readonly string[]): Map<string, unknown> {
    const all = this.abilityMap(userId);
    const out = new Map<string, unknown>();
    for (const topic of topics) {
      const state = all.get(topic);
      if (state !== undefined) out.set(topic, state);
    }
    return out;
  }

  putAbility(userId: string, topic: string, state: unknown, at: number): void {
    const json = toJson(state);
    this.putAbilityStmt.run(userId, topic, json, at);
    const cached = this.abilityCache.peek(userId);
    // The cache holds what a read would parse from the row, without parsing it again.
    if (cached) cached.set(topic, Object.freeze(jsonCopy<unknown>(state, json, `ability ${userId}/${topic}`)));
  }

  difficulties(): Map<string, unknown> {
    return new Map(this.difficultiesStmt.all().map((row) => [row.questionId, fromJson<unknown>(row.difficulty, `difficulty of ${row.questionId}`)]));
  }

  putDifficulty(questionId: string, state: unknown, at: number): void {
    this.putDifficultyStmt.run(questionId, at, toJson(state));
  }

  answerCount(userId: string, questionId: string, limit: number): number {
    return Math.min(limit, this.answeredStmt.get(userId, questionId) ?? 0);
  }

  reviewCards(userId: string): ReviewCardRecord[] {
    const cached = this.cards.get(userId, () =>
      this.cardsStmt.all(userId).map((row) => ({ questionId: row.questionId, card: fromJson<unknown>(row.card, `card ${userId}/${row.questionId}`), dueAt: row.dueAt })),
    );
    return cached.slice();
  }

  reviewCard(userId: string, questionId: string): ReviewCardRecord | undefined {
    const cached = this.cards.peekFresh(userId);
    if (cached) return cached.find((r) => r.questionId === questionId);
    const row = this.cardStmt.get(userId, questionId);
    return row && { questionId: row.questionId, card: fromJson<unknown>(row.card, `card ${userId}/${row.questionId}`), dueAt: row.dueAt };
  }

  putReviewCard(userId: string, questionId: string, card: unknown, dueAt: number, at: number): void {
    const json = toJson(card);
    this.putCardStmt.run(userId, questionId, json, dueAt, at);
    const cached = this.cards.peek(userId);
    if (cached) {
      // Keep the cached list as the query returns it: by due date, then question id.
      const old = cached.findIndex((r) => r.questionId === questionId);
      if (old >= 0) cached.splice(old, 1);
      const record: ReviewCardRecord = { questionId, card: jsonCopy<unknown>(card, json, `card ${userId}/${questionId}`), dueAt };
      const slot = cached.findIndex((r) => r.dueAt > dueAt || (r.dueAt === dueAt && r.questionId > questionId));
      cached.splice(slot < 0 ? cached.length : slot, 0, record);
    }
  }

  recentPlayers(chatId: string, limit: number): string[] {
    return this.recentPlayersStmt.all(chatId, limit);
  }

  dueReviewCount(userId: string, at: number): number {
    return this.dueCountStmt.get(userId, at) ?? 0;
  }
}
