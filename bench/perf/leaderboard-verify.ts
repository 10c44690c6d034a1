/**
 * Checks a seeded leaderboard database against the app's own code, from the
 * answer log up: each sampled question's answers are scored with
 * `scoreRoundQuestion` (the round close's scoring), the awards compared with
 * the stored ones, and the boards rebuilt with `diffBoards` (what
 * `memquiz check` runs) and compared with the stored rows. Samples: whole
 * chats (their chat boards) and single users (their global boards).
 * `full` also runs `memquiz check`'s whole-database checks.
 */
import type Database from "better-sqlite3";
import { diffBoards, type AwardInputRow, type BoardRow } from "../../src/app/recompute-boards.ts";
import type { Bank } from "../../src/core/bank/types.ts";
import { scoreRoundQuestion, type RoundState } from "../../src/core/game/round.ts";
import type { AnswerRecord, Period } from "../../src/core/ports.ts";
import { createSeededRng } from "../../src/core/rng.ts";
import { awardFacts, orphanAwards, scoreCountDifferences, scoreFacts } from "../../src/storage/index.ts";

interface AnswerRow {
  id: number;
  userId: string;
  chatId: string;
  questionId: string;
  topic: string;
  sessionId: number;
  questionIndex: number;
  option: number;
  correct: number;
  answeredAt: number;
  responseMs: number;
}

const ANSWER_COLUMNS = `id, user_id AS userId, chat_id AS chatId, question_id AS questionId, topic, session_id AS sessionId,
  question_index AS questionIndex, option, correct, answered_at AS answeredAt, response_ms AS responseMs`;

/** What the sample covered, and what disagreed (all zero when the seed is right). */
export interface VerifyResult {
  readonly chats: number;
  readonly users: number;
  readonly questionsScored: number;
  readonly awardsCompared: number;
  readonly rowsCompared: number;
  readonly awardMismatches: number;
  readonly rowMismatches: number;
  /** `memquiz check` on the whole database (only with `full`): orphan awards, differing rows and counts, broken references. */
  readonly checkProblems: number;
}

/** Verifies `chats` sampled chats and `users` sampled users (deterministic); throws nothing, reports counts. */
export function verifyLeaderboardSeed(db: Database.Database, bank: Bank, sample: { chats: readonly string[]; users: readonly string[]; full: boolean }): VerifyResult {
  const questionAnswers = db.prepare<[number, number], AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE session_id = ? AND question_index = ?`);
  const chatAnswers = db.prepare<[string], AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE chat_id = ?`);
  const userAnswers = db.prepare<[string], AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE user_id = ?`);
  const sessionState = db.prepare<[number], string>("SELECT state FROM sessions WHERE id = ?").pluck();
  const storedAward = db.prepare<[number], number>("SELECT points FROM awards WHERE answer_id = ?").pluck();
  const timezone = db.prepare<[string], string>("SELECT timezone FROM chats WHERE id = ?").pluck();
  const nameOf = db.prepare<[string], string>("SELECT name FROM users WHERE id = ?").pluck();
  const chatRows = db.prepare<[string], BoardRow>("SELECT scope, period, period_key AS key, user_id AS userId, points FROM scores WHERE scope = ?");
  const globalKeys = db.prepare<[], { period: Period; key: string }>("SELECT DISTINCT period, period_key AS key FROM score_counts WHERE scope = 'global'").all();
  const globalRow = db.prepare<[string, string, string], number>(
    "SELECT points FROM scores WHERE scope = 'global' AND period = ? AND period_key = ? AND user_id = ?",
  ).pluck();

  let questionsScored = 0;
  let awardsCompared = 0;
  let awardMismatches = 0;
  const zones = new Map<string, string>();
  const zoneOf = (chatId: string) => zones.get(chatId) ?? zones.set(chatId, timezone.get(chatId) ?? "UTC").get(chatId)!;

  /** The awards the app gives for one closed round question, checked against the stored awards. */
  function score(sessionId: number, index: number, rows: readonly AnswerRow[]): AwardInputRow[] {
    const state = JSON.parse(sessionState.get(sessionId) ?? "{}") as RoundState;
    const question = bank.byId(rows[0]?.questionId ?? "");
    if (!question) throw new Error(`seeded question ${rows[0]?.questionId} is not in the bank`);
    const answers: AnswerRecord[] = rows.map((r) => ({ ...r, correct: r.correct === 1 }));
    const outcome = scoreRoundQuestion(question, answers, state.openMs, (id) => nameOf.get(id) ?? id);
    questionsScored++;
    const given = new Map(outcome.awards.map((a) => [a.answerId, a.points]));
    for (const row of rows) {
      awardsCompared++;
      if ((storedAward.get(row.id) ?? 0) !== (given.get(row.id) ?? 0)) awardMismatches++;
    }
    return outcome.awards.map((a) => ({ userId: a.userId, chatId: rows[0]!.chatId, timezone: zoneOf(rows[0]!.chatId), points: a.points, at: a.at }));
  }

  let rowsCompared = 0;
  let rowMismatches = 0;
  // Chats: every question they asked, their chat boards in full.
  for (const chatId of sample.chats) {
    const groups = new Map<string, AnswerRow[]>();
    for (const row of chatAnswers.all(chatId)) {
      const id = `${row.sessionId}:${row.questionIndex}`;
      groups.set(id, [...(groups.get(id) ?? []), row]);
    }
    const awards = [...groups.values()].flatMap((rows) => score(rows[0]!.sessionId, rows[0]!.questionIndex, rows));
    const stored = chatRows.all(chatId);
    rowsCompared += stored.length;
    // diffBoards also builds the global rows of these awards, which this chat alone can't complete.
    rowMismatches += diffBoards(awards, stored).filter((d) => d.scope === chatId).length;
  }
  // Users: every question they answered (with everyone's answers to it), their global boards.
  for (const userId of sample.users) {
    const awards = userAnswers.all(userId).flatMap((own) => score(own.sessionId, own.questionIndex, questionAnswers.all(own.sessionId, own.questionIndex)));
    const stored: BoardRow[] = [];
    for (const { period, key } of globalKeys) {
      const points = globalRow.get(period, key, userId);
      if (points !== undefined) stored.push({ scope: "global", period, key, userId, points });
    }
    rowsCompared += stored.length;
    rowMismatches += diffBoards(awards.filter((a) => a.userId === userId), stored).filter((d) => d.scope === "global").length;
  }
  const checkProblems = sample.full
    ? orphanAwards(db) + diffBoards(awardFacts(db), scoreFacts(db)).length + scoreCountDifferences(db).length + (db.pragma("foreign_key_check") as unknown[]).length
    : 0;
  return { chats: sample.chats.length, users: sample.users.length, questionsScored, awardsCompared, rowsCompared, awardMismatches, rowMismatches, checkProblems };
}

/** A deterministic sample: the busiest chat, the quietest, and random others; random users. */
export function sampleIds(chats: number, users: number, counts: { chats: number; users: number }, chatIdOf: (c: number) => string, userIdOf: (u: number) => string) {
  const rng = createSeededRng(77);
  const pick = (n: number, k: number) => [...new Set(Array.from({ length: k }, () => Math.floor(rng.next() * n)))];
  return {
    chats: [...new Set([0, chats - 1, ...pick(chats, counts.chats)])].map(chatIdOf),
    users: pick(users, counts.users).map(userIdOf),
  };
}
