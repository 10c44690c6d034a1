import { existsSync } from "node:fs";
import type { InlineKeyboardMarkup, Message, User } from "grammy/types";
import type { Rng } from "../../src/core/ports.ts";
import type { FakeTelegram } from "../fakes/telegram/index.ts";
import { answerCounts, health, openRounds, pollIds, readDb, roundResults, type Health } from "./db-view.ts";

/** One answer the stream sent, as an update on the fake. */
interface SentAnswer {
  readonly updateId: number;
  readonly kind: "poll" | "practice";
  /** `session:index:user`, as the answers table keys it. */
  readonly key: string;
  /** The callback query id of a practice answer, to find the bot's alert when it refused it. */
  readonly queryId?: string;
}

/** What the ledger found, over every answer the bot acknowledged so far. */
export interface LedgerCounts {
  readonly sent: number;
  readonly acknowledged: number;
  readonly stored: number;
  /** Acknowledged but legitimately refused: the question had closed (poll) or the bot showed an alert (practice). */
  readonly refused: number;
  readonly lost: number;
  readonly duplicated: number;
  /** The first few lost answers, for the failure message. */
  readonly lostAnswers: readonly string[];
}

/** A question must be closed at some point, with its results queued once and sent. */
export interface RoundCheck {
  /** Round questions that were overdue or open at a restart and have not closed since. */
  readonly waitingToClose: number;
  /** Closed questions without exactly one results message in the outbox. */
  readonly resultsNotOnce: number;
  /** Results messages queued but not yet sent, by `session:index`. */
  readonly resultsUnsent: readonly string[];
}

const MAX_PER_QUESTION = 12;

const buttonsOf = (m: Message): string[] =>
  ((m.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? b.callback_data : ""));

/**
 * Streams answers at the bot through the fake Telegram: poll answers from
 * ever new users to the open question of each group's round (a round is
 * started again whenever one ends), and practice answers by two learners
 * pressing buttons in their private chats. It keeps a ledger of what was
 * sent and checks it against the database.
 *
 * "Acknowledged" means Telegram's own notion of it: the bot asked
 * `getUpdates` for an offset above the update's id, which tells Telegram
 * never to deliver that update again.
 */
export function createAnswerStream(fake: FakeTelegram, dbPath: string, rng: Rng, groups: readonly number[]) {
  const sent: SentAnswer[] = [];
  const quizUpdate = new Map<number, number>();
  const starters = new Map(groups.map((g, i) => [g, fake.user(10 + i, `Starter${i}`)]));
  const chats = new Map(groups.map((g) => [g, fake.groupChat(g, `Group ${g}`)]));
  const learners = [fake.user(501, "Lena"), fake.user(502, "Lev")];
  for (const learner of learners) fake.privateChat(learner);
  const pressed = new Set<string>();
  const idleTicks = new Map<number, number>();
  /** Round questions that must close (and post their results) after a restart. */
  const mustClose = new Set<string>();
  /** Answers sent per question: a dozen keeps every results message within Telegram's 4096 characters. */
  const perQuestion = new Map<string, number>();
  let nextUser = 100_000;
  let scanned = 0;
  let confirmed = 0;

  /** The highest offset the bot has confirmed so far. */
  function confirmedOffset(): number {
    const calls = fake.calls;
    for (; scanned < calls.length; scanned++) {
      const call = calls[scanned];
      if (call?.method === "getUpdates") confirmed = Math.max(confirmed, Number(call.params.offset ?? 0));
    }
    return confirmed;
  }
  const acknowledged = (updateId: number) => confirmedOffset() > updateId;

  function pressPractice(learner: User): void {
    const last = fake
      .messages(learner.id)
      .filter((m) => m.from?.is_bot && buttonsOf(m).length > 0)
      .at(-1);
    const buttons = last ? buttonsOf(last) : [];
    const id = `${last?.message_id}|${buttons[0]}`;
    if (!last || pressed.has(id)) {
      // Nothing new to press (a reply lost to a kill, or none yet): ask again now and then.
      const idle = (idleTicks.get(learner.id) ?? 0) + 1;
      idleTicks.set(learner.id, idle % 150);
      if (idle % 150 === 1) fake.pushUpdate(fake.message(fake.privateChat(learner), learner, "/practice"));
      return;
    }
    idleTicks.set(learner.id, 0);
    pressed.add(id);
    const choice = buttons[Math.floor(rng.next() * buttons.length)] ?? "";
    const update = fake.callbackQuery(fake.privateChat(learner), learner, choice, last.message_id);
    const updateId = fake.pushUpdate(update);
    const answer = /^a:(\d+):(\d+):\d+$/.exec(choice);
    if (answer) sent.push({ updateId, kind: "practice", key: `${answer[1]}:${answer[2]}:tg:${learner.id}`, queryId: update.callback_query?.id ?? "" });
  }

  return {
    /** Sends the next few updates, based on what the database and the fake show now. */
    step(): void {
      if (!existsSync(dbPath)) return;
      const now = Date.now();
      const { open, polls } = readDb(dbPath, (db) => ({ open: openRounds(db), polls: pollIds(db) }));
      for (const group of groups) {
        const running = open.some((q) => q.chatId === `tg:${group}`);
        const last = quizUpdate.get(group);
        if (!running && (last === undefined || acknowledged(last))) {
          quizUpdate.set(group, fake.pushUpdate(fake.message(chats.get(group)!, starters.get(group)!, "/quiz 3")));
        }
      }
      // Answers go only to questions with a second or more to run, so few of them race the close.
      const answerable = open.filter((q) => q.closesAt > now + 1_000 && polls.has(`${q.sessionId}:${q.index}`) && (perQuestion.get(`${q.sessionId}:${q.index}`) ?? 0) < MAX_PER_QUESTION);
      if (answerable.length > 0) {
        const q = answerable[Math.floor(rng.next() * answerable.length)]!;
        perQuestion.set(`${q.sessionId}:${q.index}`, (perQuestion.get(`${q.sessionId}:${q.index}`) ?? 0) + 1);
        const user = fake.user(nextUser++, `Player${nextUser}`);
        const updateId = fake.pushUpdate(fake.pollAnswer(polls.get(`${q.sessionId}:${q.index}`)!, user, [Math.floor(rng.next() * 4)]));
        sent.push({ updateId, kind: "poll", key: `${q.sessionId}:${q.index}:tg:${user.id}` });
      }
      for (const learner of learners) pressPractice(learner);
    },

    /** After a restart: every round question open now must close later, and post its results. */
    noteOpenRounds(): void {
      for (const q of readDb(dbPath, openRounds)) mustClose.add(`${q.sessionId}:${q.index}`);
    },

    /** How many of the answers sent so far the bot has acknowledged (cheap: no database read). */
    acknowledgedCount: () => sent.filter((a) => acknowledged(a.updateId)).length,

    /** Whether every update sent so far has been acknowledged. */
    allAcknowledged: () => sent.length === 0 || acknowledged(Math.max(...sent.map((a) => a.updateId), ...quizUpdate.values())),

    /** Checks every acknowledged answer against the database (lines: the logs of every bot process so far). */
    ledger(lines: readonly string[]): LedgerCounts & { health: Health } {
      const outcomes = new Map<number, string>();
      for (const line of lines) {
        const m = /poll answer in update (\d+): (\S+)/.exec(line);
        if (m) outcomes.set(Number(m[1]), m[2]!);
      }
      const alerted = new Set(fake.callsOf("answerCallbackQuery").filter((c) => c.params.show_alert === true).map((c) => String(c.params.callback_query_id)));
      const { counts, dbHealth } = readDb(dbPath, (db) => ({ counts: answerCounts(db), dbHealth: health(db) }));
      let acked = 0;
      let stored = 0;
      let refused = 0;
      let lost = 0;
      let duplicated = 0;
      const lostAnswers: string[] = [];
      for (const answer of sent) {
        if (!acknowledged(answer.updateId)) continue;
        acked++;
        const n = counts.get(answer.key) ?? 0;
        if (n === 1) stored++;
        else if (n > 1) duplicated++;
        else if (answer.kind === "poll" ? (outcomes.get(answer.updateId) ?? "accepted") !== "accepted" : alerted.has(answer.queryId ?? "")) refused++;
        else {
          lost++;
          if (lostAnswers.length < 5) lostAnswers.push(`${answer.kind} update ${answer.updateId} (${answer.key}): ${outcomes.get(answer.updateId) ?? "no outcome logged"}`);
        }
      }
      return { sent: sent.length, acknowledged: acked, stored, refused, lost, duplicated, lostAnswers, health: dbHealth };
    },

    /** Round questions that had to close and haven't, and closed questions whose results were not queued exactly once or not sent. */
    rounds(): RoundCheck {
      return readDb(dbPath, (db) => {
        const open = new Set(openRounds(db).map((q) => `${q.sessionId}:${q.index}`));
        for (const key of mustClose) if (!open.has(key)) mustClose.delete(key);
        const results = roundResults(db);
        const perQuestion = new Map<string, number>();
        for (const r of results) perQuestion.set(r.key, (perQuestion.get(r.key) ?? 0) + 1);
        const closed = db
          .prepare<[], { id: number; status: string; idx: number }>("SELECT id, status, json_extract(state, '$.index') AS idx FROM sessions WHERE kind = 'round'")
          .all()
          .flatMap((s) => Array.from({ length: s.status === "open" ? s.idx : s.idx + 1 }, (_, i) => `${s.id}:${i}`));
        return {
          waitingToClose: mustClose.size,
          resultsNotOnce: closed.filter((key) => perQuestion.get(key) !== 1).length + [...perQuestion.keys()].filter((k) => !closed.includes(k)).length,
          resultsUnsent: results.filter((r) => !r.sent).map((r) => r.key),
        };
      });
    },
  };
}

/** The answer stream. */
export type AnswerStream = ReturnType<typeof createAnswerStream>;
