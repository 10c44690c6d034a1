import type { Lang } from "./bank/types.ts";
import { DEFAULT_DAILY, type DailySchedule } from "./game/daily.ts";
import type { OutboxPayload } from "./game/outbox-payload.ts";

/** The current time in milliseconds since the epoch. Tests pass a fake one. */
export interface Clock {
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  now(): number;
}

/** A source of uniform random numbers in [0, 1). Tests pass a seeded one. */
export interface Rng {
  /** The next number in [0, 1). */
  next(): number;
}

/** Kinds of chat: a private chat with one user, or a group or channel. */
export type ChatKind = "private" | "group";

/** Settings a chat admin may change. */
export interface ChatSettings {
  /** How long each round question stays open, in seconds. */
  readonly roundSeconds: number;
  /** How many questions `/quiz` asks when no number is given. */
  readonly roundQuestions: number;
  /** Topics questions are drawn from; empty means every topic. */
  readonly topics: readonly string[];
  /** The daily question's schedule (in the chat's time zone). */
  readonly daily: DailySchedule;
  /** Whether `/me`, `/top` and season posts come as picture cards (with the text as caption); off sends the text only. */
  readonly cards: boolean;
}

/** The defaults from DESIGN.md's game rules. */
export const DEFAULT_SETTINGS: ChatSettings = Object.freeze({ roundSeconds: 30, roundQuestions: 5, topics: [], daily: DEFAULT_DAILY, cards: true });

/** A player, identified by a prefixed id such as `tg:123`. */
export interface UserRecord {
  readonly id: string;
  readonly name: string;
  /** The language the user chose with /lang, if any. */
  readonly lang: Lang | null;
}

/** A chat, identified by a prefixed id such as `tg:-100123`. */
export interface ChatRecord {
  readonly id: string;
  readonly kind: ChatKind;
  /** The language a chat admin chose, if any. */
  readonly lang: Lang | null;
  /** IANA time zone for days, weeks and months. */
  readonly timezone: string;
  readonly settings: ChatSettings;
}

/** What a session is for. */
export type SessionKind = "practice" | "round" | "daily";

/** A persisted session: a practice run or a round, with its state so a restart resumes it. */
export interface SessionRecord<S = unknown> {
  readonly id: number;
  readonly chatId: string;
  readonly kind: SessionKind;
  readonly status: "open" | "finished" | "stopped";
  readonly startedBy: string;
  readonly createdAt: number;
  /** When the current question closes (rounds), driving the timers. */
  readonly closesAt: number | null;
  readonly state: S;
}

/** One answer as it is appended to the log. */
export interface AnswerInput {
  readonly userId: string;
  readonly chatId: string;
  readonly questionId: string;
  readonly topic: string;
  readonly sessionId: number;
  /** The question's position within its session (rounds), or a running number (practice). */
  readonly questionIndex: number;
  readonly option: number;
  readonly correct: boolean;
  readonly answeredAt: number;
  readonly responseMs: number;
}

/** An answer read back from the log. */
export interface AnswerRecord extends AnswerInput {
  readonly id: number;
}

/** One answer of a session as a round reads it back: to score its question, and to learn from it at the end. */
export type SessionResult = Pick<AnswerRecord, "id" | "questionIndex" | "userId" | "correct" | "answeredAt" | "responseMs">;

/** An award as a session's end reads it back to put it on the leaderboards. */
export interface SessionAward {
  readonly userId: string;
  readonly points: number;
  /** When the answer was given; decides the week and month. */
  readonly at: number;
}

/** Points given for one answer; the leaderboards are built from these. */
export interface AwardInput {
  readonly answerId: number;
  readonly userId: string;
  readonly chatId: string;
  readonly points: number;
  /** When the answer was given; decides the week and month. */
  readonly at: number;
}

/** A leaderboard period. */
export type Period = "week" | "month" | "all";

/** One leaderboard key: `scope` is a chat id or `global`; `key` names the period, like `2026-W48`. */
export interface BoardKey {
  readonly scope: string;
  readonly period: Period;
  readonly key: string;
}

/** One row of a leaderboard. */
export interface ScoreRow {
  readonly userId: string;
  readonly name: string;
  readonly points: number;
}

/** A player's total in one session: points and how many answers were right. */
export interface SessionTotal extends ScoreRow {
  readonly correct: number;
}

/** A user's rank on a board: ties share a rank (1, 1, 3). */
export interface RankInfo {
  readonly rank: number;
  readonly points: number;
  readonly players: number;
}

/** Aggregates over a user's answers, for /me. */
export interface TopicProgress {
  readonly topic: string;
  readonly answers: number;
  readonly correct: number;
}

/** A question shown to a user or chat, and when it was last shown. */
export interface SeenQuestion {
  readonly questionId: string;
  readonly lastAt: number;
}

/** A persisted outgoing message, written in the same transaction as the change that caused it. */
export interface OutboxRecord {
  readonly id: number;
  readonly chatId: string;
  readonly payload: OutboxPayload;
  readonly createdAt: number;
  readonly attempts: number;
}

/** A user's report of a problem with a question. */
export interface ReportRecord {
  readonly id: number;
  readonly userId: string;
  readonly chatId: string;
  readonly questionId: string;
  readonly text: string;
  readonly createdAt: number;
}

/** Users and chats. */
export interface DirectoryStore {
  /** Creates or renames a user; keeps the chosen language. */
  upsertUser(id: string, name: string): UserRecord;
  /** The user, if known. */
  getUser(id: string): UserRecord | undefined;
  /** Sets (or clears with null) the user's chosen language. */
  setUserLang(id: string, lang: Lang | null): void;
  /** Creates a chat with default settings, or returns the existing one. */
  ensureChat(id: string, kind: ChatKind): ChatRecord;
  /** The chat, if known. */
  getChat(id: string): ChatRecord | undefined;
  /** Replaces a chat's language, time zone and settings. */
  updateChat(chat: ChatRecord): void;
}

/** Practice runs and rounds, with their persisted state and timers. */
export interface SessionStore {
  /** Creates an open session and returns it. */
  createSession<S>(input: { chatId: string; kind: SessionKind; startedBy: string; createdAt: number; closesAt: number | null; state: S }): SessionRecord<S>;
  /** The session, if it exists. */
  getSession<S>(id: number): SessionRecord<S> | undefined;
  /** Saves new state, deadline and status. */
  updateSession<S>(id: number, change: { state: S; closesAt: number | null; status: SessionRecord["status"]; updatedAt: number }): void;
  /** The open session of this kind in a chat, optionally started by one user. */
  openSession<S>(chatId: string, kind: SessionKind, startedBy?: string): SessionRecord<S> | undefined;
  /** Open sessions whose deadline is at or before `at`, oldest deadline first. */
  dueSessions<S>(at: number): SessionRecord<S>[];
  /** The earliest deadline of any open session, or null. */
  nextDeadline(): number | null;
}

/** The append-only answer log and the questions' statistics. */
export interface AnswerStore {
  /** Appends an answer; returns its id, or null when this user already answered this session question. */
  appendAnswer(answer: AnswerInput): number | null;
  /** The answers to one question of a session, in order of arrival. */
  sessionAnswers(sessionId: number, questionIndex: number): AnswerRecord[];
  /**
   * Who was right or wrong, and how fast, on one question of a session or
   * (without `questionIndex`) on all of them: by question, then in order of arrival.
   */
  sessionResults(sessionId: number, questionIndex?: number): SessionResult[];
  /** Whether this user has already answered this session question. */
  hasAnswered(sessionId: number, questionIndex: number, userId: string): boolean;
  /** Adds one attempt to a question's statistics. */
  recordQuestionStat(questionId: string, correct: boolean, at: number): void;
  /** Adds several answers to a question's counts at once (a round question's close). */
  recordQuestionStats(questionId: string, attempts: number, correct: number, at: number): void;
  /** Questions this user answered in this chat, by id, with the last time (shared: don't change it). */
  seenByUser(userId: string, chatId: string): ReadonlyMap<string, number>;
  /** Records that a question was posted to a chat (answered or not). */
  recordAsked(chatId: string, questionId: string, at: number): void;
  /** Questions asked or answered in this chat, with the last time. */
  seenInChat(chatId: string): SeenQuestion[];
  /** Whether the user's most recent `limit` answers were right, newest first. */
  recentResults(userId: string, limit: number): boolean[];
  /** Answer counts per topic for a user, over every chat. */
  topicProgress(userId: string): TopicProgress[];
  /** The question this user saw most recently in this chat, if any. */
  lastQuestion(userId: string, chatId: string): string | undefined;
}

/** Points and the materialised leaderboards. */
export interface ScoreStore {
  /**
   * Records an award and adds it to every board key given, in one step. With
   * no boards the award waits for `addToBoards`: a round puts its awards on
   * the leaderboards when it ends.
   */
  addAward(award: AwardInput, boards: readonly BoardKey[]): void;
  /** Adds points to a user's row on every board key given (a board given twice counts once). */
  addToBoards(userId: string, points: number, boards: readonly BoardKey[]): void;
  /** The awards for a session's answers, in answer order. */
  sessionAwards(sessionId: number): SessionAward[];
  /** The top `limit` rows of a board, highest first, ties by name. */
  top(board: BoardKey, limit: number): ScoreRow[];
  /** A user's rank on a board, or undefined when they have no row. */
  rank(board: BoardKey, userId: string): RankInfo | undefined;
  /** Total points and right answers per user for a session, highest first. */
  sessionTotals(sessionId: number): SessionTotal[];
}

/** Outgoing messages waiting to be delivered, and processed update ids. */
export interface DeliveryStore {
  /** Queues a message for delivery. */
  enqueue(chatId: string, payload: OutboxPayload, at: number): number;
  /** Undelivered messages, oldest first. */
  pending(limit: number): OutboxRecord[];
  /** Takes the delivery of a message until `until`; false when another process holds it or it was sent. */
  lease(id: number, at: number, until: number): boolean;
  /** Marks a message delivered. */
  markSent(id: number, at: number): void;
  /** Counts a failed delivery attempt. */
  markFailed(id: number, error: string): void;
  /** Records a platform update id; false when it was processed before. */
  claimUpdate(key: string, at: number): boolean;
}

/** Small JSON values a platform adapter must find again after a restart (poll ids, message ids). */
export interface RefStore {
  /** Saves (or replaces) a value under a key such as `tg:poll:<id>`. */
  putRef(key: string, value: unknown, at: number): void;
  /** The value saved under a key, if any. */
  getRef<T>(key: string): T | undefined;
}

/** A spaced-review card as stored: the engine's JSON card and when it is due. */
export interface ReviewCardRecord {
  readonly questionId: string;
  readonly card: unknown;
  readonly dueAt: number;
}

/** The adaptive engine's persisted state. Values are the engine's small JSON objects. */
export interface AdaptiveStore {
  /** A user's ability states by topic (`""` is overall). */
  abilities(userId: string): Map<string, unknown>;
  /** The user's ability states in just these topics (those that exist). */
  abilitiesIn(userId: string, topics: readonly string[]): Map<string, unknown>;
  /** Saves one ability state. */
  putAbility(userId: string, topic: string, state: unknown, at: number): void;
  /** Every calibrated question difficulty, by question id. */
  difficulties(): Map<string, unknown>;
  /** Saves a question's difficulty state. */
  putDifficulty(questionId: string, state: unknown, at: number): void;
  /** How many answers this user has given to this question, counting at most `limit`. */
  answerCount(userId: string, questionId: string, limit: number): number;
  /** A user's review cards, soonest due first. */
  reviewCards(userId: string): ReviewCardRecord[];
  /** The user's review card for one question, if any. */
  reviewCard(userId: string, questionId: string): ReviewCardRecord | undefined;
  /** Saves a review card. */
  putReviewCard(userId: string, questionId: string, card: unknown, dueAt: number, at: number): void;
  /** How many of a user's cards are due at `at`. */
  dueReviewCount(userId: string, at: number): number;
  /** The users who answered in a chat most recently, newest first. */
  recentPlayers(chatId: string, limit: number): string[];
}

/** One chat's daily post for one local date; `sessionId` is null when the post was skipped. */
export interface DailyPostRecord {
  readonly chatId: string;
  /** The chat's local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly sessionId: number | null;
  readonly questionId: string | null;
  /** When it was scheduled. */
  readonly dueAt: number;
  /** When it was posted (or skipped). */
  readonly postedAt: number;
}

/** The daily question's schedule and posts, and the archive of closed seasons. */
export interface DailyStore {
  /** Sets when the chat's next daily question is due, or null when the daily question is off. */
  setDailyNext(chatId: string, at: number | null): void;
  /** Chats whose next daily question is due at `at`, with when it fell due, soonest first. */
  dueDailyChats(at: number, limit: number): { chatId: string; dueAt: number }[];
  /** The soonest daily question due in any chat, or null. */
  nextDailyAt(): number | null;
  /** Records a chat's post for a date; false when that date was already recorded. */
  recordDailyPost(post: DailyPostRecord): boolean;
  /** The chat's most recent post (or skip), if any. */
  lastDailyPost(chatId: string): DailyPostRecord | undefined;
  /** The post made by this session, if it was a daily question. */
  dailyPostOf(sessionId: number): DailyPostRecord | undefined;
  /** The chat's local dates on which the user answered its daily question, oldest first. */
  dailyDays(userId: string, chatId: string): string[];
  /** The chats in which the user ever answered a daily question. */
  dailyChatsOf(userId: string): string[];
  /** Archives a closed season's final standings; false when it was archived before. */
  archiveSeason(board: BoardKey, standings: readonly ScoreRow[], at: number): boolean;
  /** A closed season's archived standings, if archived. */
  seasonArchive(board: BoardKey): ScoreRow[] | undefined;
}

/** Reads over the answer log for the `/me` card. */
export interface ActivityStore {
  /**
   * The `slotMs`-long slots of time (as their start, ms since the epoch,
   * counted from the epoch) in which the user gave any answer at or after
   * `since`, oldest first, each once.
   */
  answerSlots(userId: string, since: number, slotMs: number): number[];
}

/** Question reports from users. */
export interface ReportStore {
  /** Stores a report. */
  addReport(input: Omit<ReportRecord, "id">): number;
  /** Every report, newest first. */
  listReports(): ReportRecord[];
}

/** What `/forget` removed, counted per kind, and the chats whose aggregates changed. */
export interface ForgetReport {
  readonly answers: number;
  readonly awards: number;
  readonly scoreRows: number;
  readonly abilities: number;
  readonly reviewCards: number;
  readonly practiceSessions: number;
  readonly reports: number;
  /** Chats the user had answered in: their boards and question statistics were recomputed. */
  readonly chats: readonly string[];
}

/** Deletes one user's data for `/forget`. */
export interface ForgetStore {
  /**
   * Deletes everything stored about a user in one step: answers, awards and
   * board rows, abilities, review cards, practice sessions, reports and the
   * user row; takes their answers out of the question statistics, their rows
   * out of archived standings and queued or sent messages, and leaves the
   * sessions they started (other people played in them) with `FORGOTTEN_USER`
   * as the starter.
   */
  forgetUser(userId: string): ForgetReport;
}

/** The starter recorded on shared sessions whose starter used `/forget`. */
export const FORGOTTEN_USER = "forgotten";

/** Everything the app persists, with synchronous transactions. */
export interface Store
  extends DirectoryStore, SessionStore, AnswerStore, ScoreStore, DeliveryStore, ReportStore, RefStore, AdaptiveStore, DailyStore, ForgetStore, ActivityStore {
  /** Runs `fn` in one transaction: all of its writes land, or none do. */
  transaction<T>(fn: () => T): T;
}
