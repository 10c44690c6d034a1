import type { Question } from "../../core/bank/types.ts";
import type { RoundState } from "../../core/game/round.ts";
import type { BoardKey, ChatRecord, SessionRecord, SessionResult } from "../../core/ports.ts";
import type { AdaptiveService } from "../adaptive-service.ts";
import type { AppDeps } from "../context.ts";
import { boardsForAward } from "./board-keys.ts";

/**
 * What a round does once, when it ends (its last question closes, or /stop),
 * inside the transaction that ends it:
 *
 * - the adaptive update learns from every question asked, question by
 *   question and in answer order, so each player's abilities are read once
 *   and written once per topic instead of once per answer;
 * - the round's awards go on the leaderboards, summed per player and board,
 *   so a player's rows change once per round instead of once per right answer.
 *
 * Until then the answers and awards are in the log and the round's standings
 * are read from them. Nothing is held in memory between closes: a round that
 * outlives a restart ends the same way. `memquiz check` compares the boards
 * with the awards of sessions that are no longer open.
 */
export function settleRound(deps: Pick<AppDeps, "store" | "bank">, adaptive: AdaptiveService, session: SessionRecord<RoundState>, chat: ChatRecord | undefined): void {
  const { store, bank } = deps;
  const { questionIds } = session.state;
  const asked: { question: Question; answers: SessionResult[] }[] = [];
  let current: { question: Question; answers: SessionResult[] } | undefined;
  let currentIndex = -1;
  for (const result of store.sessionResults(session.id)) {
    if (result.questionIndex !== currentIndex) {
      currentIndex = result.questionIndex;
      const question = bank.byId(questionIds[currentIndex] ?? "");
      current = question && { question, answers: [] };
      if (current) asked.push(current);
    }
    current?.answers.push(result);
  }
  if (asked.length > 0) adaptive.learnAnswers(asked);
  if (chat) putAwardsOnBoards(store, chat, session.id);
}

/** Sums a session's awards per player and set of boards, then adds each sum once. */
function putAwardsOnBoards(store: AppDeps["store"], chat: ChatRecord, sessionId: number): void {
  const sums = new Map<string, { userId: string; boards: readonly BoardKey[]; points: number }>();
  for (const award of store.sessionAwards(sessionId)) {
    const boards = boardsForAward(chat, award.at);
    // Awards in the same week and month share their boards; a round across a boundary has two sets.
    const id = `${award.userId}\u0000${boards.map((b) => b.key).join("\u0000")}`;
    const sum = sums.get(id);
    if (sum) sum.points += award.points;
    else sums.set(id, { userId: award.userId, boards, points: award.points });
  }
  for (const { userId, boards, points } of sums.values()) store.addToBoards(userId, points, boards);
}
