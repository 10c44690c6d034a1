import type BetterSqlite3 from "better-sqlite3";
import type { Lang } from "../core/bank/types.ts";
import type { OutboxPayload } from "../core/game/outbox-payload.ts";
import type {
  AnswerInput,
  AnswerRecord,
  AwardInput,
  BoardKey,
  ChatKind,
  ChatRecord,
  Clock,
  DailyPostRecord,
  ForgetReport,
  OutboxRecord,
  RankInfo,
  ReportRecord,
  ReviewCardRecord,
  ScoreRow,
  SeenQuestion,
  SessionAward,
  SessionKind,
  SessionRecord,
  SessionResult,
  SessionTotal,
  Store,
  TopicProgress,
  UserRecord,
} from "../core/ports.ts";
import type { BackgroundCheckpointer } from "./checkpointer.ts";
import { backgroundCheckpointerOf } from "./database.ts";
import { SqliteActivityStore } from "./sqlite-activity.ts";
import { SqliteAdaptiveStore } from "./sqlite-adaptive.ts";
import { SqliteAnswerStore } from "./sqlite-answers.ts";
import { SqliteDeliveryStore } from "./sqlite-delivery.ts";
import { SqliteDailyStore } from "./sqlite-daily.ts";
import { SqliteDirectoryStore } from "./sqlite-directory.ts";
import { SqliteForgetStore } from "./sqlite-forget.ts";
import { ChangeWatch } from "./read-cache.ts";
import { SqliteRefStore } from "./sqlite-refs.ts";
import { SqliteReportStore } from "./sqlite-reports.ts";
import { SqliteScoreStore } from "./sqlite-scores.ts";
import { SqliteSessionStore } from "./sqlite-sessions.ts";

/** What a SQLite store needs besides the database. */
export interface SqliteStoreOptions {
  /** Stamps `created_at` of new users and chats; the system clock by default. */
  readonly clock?: Clock;
}

const systemClock: Clock = { now: () => Date.now() };

/**
 * The whole `Store` on one better-sqlite3 connection: one role store per
 * table group, each preparing its statements once, behind one facade.
 * The database must already be migrated (see `openDatabase`).
 */
export class SqliteStore implements Store {
  private readonly directory: SqliteDirectoryStore;
  private readonly sessions: SqliteSessionStore;
  private readonly answers: SqliteAnswerStore;
  private readonly scores: SqliteScoreStore;
  private readonly delivery: SqliteDeliveryStore;
  private readonly reports: SqliteReportStore;
  private readonly refs: SqliteRefStore;
  private readonly adaptive: SqliteAdaptiveStore;
  private readonly daily: SqliteDailyStore;
  private readonly forget: SqliteForgetStore;
  private readonly activity: SqliteActivityStore;
  private readonly runInTransaction: { immediate: (fn: () => unknown) => unknown };
  /** Empties the read caches when another connection commits, a transaction rolls back, or a user is forgotten. */
  private readonly changes: ChangeWatch;
  /** The database's checkpoint worker, if it has one: it waits for a quiet moment between commits. */
  private readonly checkpointer: BackgroundCheckpointer | undefined;

  constructor(db: BetterSqlite3.Database, options: SqliteStoreOptions = {}) {
    this.changes = new ChangeWatch(db);
    this.directory = new SqliteDirectoryStore(db, options.clock ?? systemClock, this.changes);
    this.sessions = new SqliteSessionStore(db, this.changes);
    this.answers = new SqliteAnswerStore(db, this.changes);
    this.scores = new SqliteScoreStore(db);
    this.delivery = new SqliteDeliveryStore(db);
    this.reports = new SqliteReportStore(db);
    this.refs = new SqliteRefStore(db);
    this.adaptive = new SqliteAdaptiveStore(db, this.changes);
    this.daily = new SqliteDailyStore(db);
    this.forget = new SqliteForgetStore(db);
    this.activity = new SqliteActivityStore(db);
    // better-sqlite3 turns a call inside another transaction into a savepoint, so nesting works,
    // and it refuses a function that returns a promise: transactions stay synchronous.
    this.runInTransaction = db.transaction((fn: () => unknown) => fn());
    this.checkpointer = backgroundCheckpointerOf(db);
  }

  transaction<T>(fn: () => T): T {
    // IMMEDIATE takes the write lock at BEGIN, so processes sharing the file
    // (Discord shards) queue on busy_timeout instead of failing on a stale snapshot.
    try {
      // The check inside runs after BEGIN IMMEDIATE has taken the lock.
      const result = this.runInTransaction.immediate(() => this.changes.whileLocked(fn)) as T;
      this.checkpointer?.noteCommit();
      return result;
    } catch (error) {
      // What was rolled back may have been written into a cache already.
      this.changes.clearAll();
      throw error;
    }
  }

  // DirectoryStore
  upsertUser(id: string, name: string): UserRecord {
    return this.directory.upsertUser(id, name);
  }
  getUser(id: string): UserRecord | undefined {
    return this.directory.getUser(id);
  }
  setUserLang(id: string, lang: Lang | null): void {
    this.directory.setUserLang(id, lang);
  }
  ensureChat(id: string, kind: ChatKind): ChatRecord {
    return this.directory.ensureChat(id, kind);
  }
  getChat(id: string): ChatRecord | undefined {
    return this.directory.getChat(id);
  }
  updateChat(chat: ChatRecord): void {
    this.directory.updateChat(chat);
  }

  // SessionStore
  createSession<S>(input: { chatId: string; kind: SessionKind; startedBy: string; createdAt: number; closesAt: number | null; state: S }): SessionRecord<S> {
    return this.sessions.createSession(input);
  }
  getSession<S>(id: number): SessionRecord<S> | undefined {
    return this.sessions.getSession<S>(id);
  }
  updateSession<S>(id: number, change: { state: S; closesAt: number | null; status: SessionRecord["status"]; updatedAt: number }): void {
    this.sessions.updateSession(id, change);
  }
  openSession<S>(chatId: string, kind: SessionKind, startedBy?: string): SessionRecord<S> | undefined {
    return this.sessions.openSession<S>(chatId, kind, startedBy);
  }
  dueSessions<S>(at: number): SessionRecord<S>[] {
    return this.sessions.dueSessions<S>(at);
  }
  nextDeadline(): number | null {
    return this.sessions.nextDeadline();
  }

  // AnswerStore
  appendAnswer(answer: AnswerInput): number | null {
    return this.answers.appendAnswer(answer);
  }
  sessionAnswers(sessionId: number, questionIndex: number): AnswerRecord[] {
    return this.answers.sessionAnswers(sessionId, questionIndex);
  }
  sessionResults(sessionId: number, questionIndex?: number): SessionResult[] {
    return this.answers.sessionResults(sessionId, questionIndex);
  }
  hasAnswered(sessionId: number, questionIndex: number, userId: string): boolean {
    return this.answers.hasAnswered(sessionId, questionIndex, userId);
  }
  recordQuestionStat(questionId: string, correct: boolean, at: number): void {
    this.answers.recordQuestionStat(questionId, correct, at);
  }
  recordQuestionStats(questionId: string, attempts: number, correct: number, at: number): void {
    this.answers.recordQuestionStats(questionId, attempts, correct, at);
  }
  seenByUser(userId: string, chatId: string): ReadonlyMap<string, number> {
    return this.answers.seenByUser(userId, chatId);
  }
  recordAsked(chatId: string, questionId: string, at: number): void {
    this.answers.recordAsked(chatId, questionId, at);
  }
  seenInChat(chatId: string): SeenQuestion[] {
    return this.answers.seenInChat(chatId);
  }
  recentResults(userId: string, limit: number): boolean[] {
    return this.answers.recentResults(userId, limit);
  }
  topicProgress(userId: string): TopicProgress[] {
    return this.answers.topicProgress(userId);
  }
  lastQuestion(userId: string, chatId: string): string | undefined {
    return this.answers.lastQuestion(userId, chatId);
  }

  // ScoreStore
  addAward(award: AwardInput, boards: readonly BoardKey[]): void {
    this.scores.addAward(award, boards);
  }
  addToBoards(userId: string, points: number, boards: readonly BoardKey[]): void {
    this.scores.addToBoards(userId, points, boards);
  }
  sessionAwards(sessionId: number): SessionAward[] {
    return this.scores.sessionAwards(sessionId);
  }
  top(board: BoardKey, limit: number): ScoreRow[] {
    return this.scores.top(board, limit);
  }
  rank(board: BoardKey, userId: string): RankInfo | undefined {
    return this.scores.rank(board, userId);
  }
  sessionTotals(sessionId: number): SessionTotal[] {
    return this.scores.sessionTotals(sessionId);
  }

  // DeliveryStore
  enqueue(chatId: string, payload: OutboxPayload, at: number): number {
    return this.delivery.enqueue(chatId, payload, at);
  }
  pending(limit: number): OutboxRecord[] {
    return this.delivery.pending(limit);
  }
  markSent(id: number, at: number): void {
    this.delivery.markSent(id, at);
  }
  markFailed(id: number, error: string): void {
    this.delivery.markFailed(id, error);
  }
  lease(id: number, at: number, until: number): boolean {
    return this.delivery.lease(id, at, until);
  }
  claimUpdate(key: string, at: number): boolean {
    return this.delivery.claimUpdate(key, at);
  }

  // ReportStore
  addReport(input: Omit<ReportRecord, "id">): number {
    return this.reports.addReport(input);
  }
  listReports(): ReportRecord[] {
    return this.reports.listReports();
  }

  // RefStore
  putRef(key: string, value: unknown, at: number): void {
    this.refs.putRef(key, value, at);
  }
  getRef<T>(key: string): T | undefined {
    return this.refs.getRef<T>(key);
  }

  // AdaptiveStore
  abilities(userId: string): Map<string, unknown> {
    return this.adaptive.abilities(userId);
  }
  abilitiesIn(userId: string, topics: readonly string[]): Map<string, unknown> {
    return this.adaptive.abilitiesIn(userId, topics);
  }
  putAbility(userId: string, topic: string, state: unknown, at: number): void {
    this.adaptive.putAbility(userId, topic, state, at);
  }
  difficulties(): Map<string, unknown> {
    return this.adaptive.difficulties();
  }
  putDifficulty(questionId: string, state: unknown, at: number): void {
    this.adaptive.putDifficulty(questionId, state, at);
  }
  answerCount(userId: string, questionId: string, limit: number): number {
    return this.adaptive.answerCount(userId, questionId, limit);
  }
  reviewCards(userId: string): ReviewCardRecord[] {
    return this.adaptive.reviewCards(userId);
  }
  reviewCard(userId: string, questionId: string): ReviewCardRecord | undefined {
    return this.adaptive.reviewCard(userId, questionId);
  }
  putReviewCard(userId: string, questionId: string, card: unknown, dueAt: number, at: number): void {
    this.adaptive.putReviewCard(userId, questionId, card, dueAt, at);
  }
  dueReviewCount(userId: string, at: number): number {
    return this.adaptive.dueReviewCount(userId, at);
  }
  recentPlayers(chatId: string, limit: number): string[] {
    return this.adaptive.recentPlayers(chatId, limit);
  }

  // DailyStore
  setDailyNext(chatId: string, at: number | null): void {
    this.daily.setDailyNext(chatId, at);
  }

  dueDailyChats(at: number, limit: number): { chatId: string; dueAt: number }[] {
    return this.daily.dueDailyChats(at, limit);
  }

  nextDailyAt(): number | null {
    return this.daily.nextDailyAt();
  }

  recordDailyPost(post: DailyPostRecord): boolean {
    return this.daily.recordDailyPost(post);
  }

  lastDailyPost(chatId: string): DailyPostRecord | undefined {
    return this.daily.lastDailyPost(chatId);
  }

  dailyPostOf(sessionId: number): DailyPostRecord | undefined {
    return this.daily.dailyPostOf(sessionId);
  }

  dailyDays(userId: string, chatId: string): string[] {
    return this.daily.dailyDays(userId, chatId);
  }

  dailyChatsOf(userId: string): string[] {
    return this.daily.dailyChatsOf(userId);
  }

  archiveSeason(board: BoardKey, standings: readonly ScoreRow[], at: number): boolean {
    return this.daily.archiveSeason(board, standings, at);
  }

  seasonArchive(board: BoardKey): ScoreRow[] | undefined {
    return this.daily.seasonArchive(board);
  }

  // ForgetStore
  forgetUser(userId: string): ForgetReport {
    this.changes.clearAll();
    return this.forget.forgetUser(userId);
  }

  // ActivityStore
  answerSlots(userId: string, since: number, slotMs: number): number[] {
    return this.activity.answerSlots(userId, since, slotMs);
  }
}

/** Creates the SQLite `Store` on an open, migrated database. */
export function createSqliteStore(db: BetterSqlite3.Database, options: SqliteStoreOptions = {}): Store {
  return new SqliteStore(db, options);
}
