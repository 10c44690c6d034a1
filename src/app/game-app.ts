import { boundArgs, type ParsedCommand } from "../core/game/commands.ts";
import { messages } from "../core/i18n/index.ts";
import { renderHelp } from "../core/render/boards.ts";
import { p } from "../core/render/doc.ts";
import { participants, type AppDeps, type RequestContext } from "./context.ts";
import { notice, type Reply } from "./replies.ts";
import { createAdaptiveService } from "./adaptive-service.ts";
import { createAnswerBatcher, type Defer } from "./answer-batcher.ts";
import { createCommandLimiter } from "./command-limiter.ts";
import { createBoards } from "./use-cases/boards.ts";
import { createDailyEngine } from "./use-cases/daily.ts";
import { createDailyCommand } from "./use-cases/daily-command.ts";
import { createForget } from "./use-cases/forget.ts";
import { createPractice } from "./use-cases/practice.ts";
import { createReports } from "./use-cases/reports.ts";
import { createRounds, type RoundAnswerOutcome } from "./use-cases/rounds.ts";
import { createSettings } from "./use-cases/settings.ts";
import { createUpdateClaims, DuplicateUpdate } from "./update-claims.ts";

/** The commands every adapter offers, in help order. */
export const COMMAND_NAMES = ["start", "help", "practice", "review", "quiz", "stop", "daily", "top", "me", "settings", "lang", "report", "forget"] as const;

/**
 * The game as plain use cases, shared by every adapter. Adapters turn platform
 * updates into these calls and the replies back into platform messages.
 */
export function createGameApp(appDeps: AppDeps & { readonly defer?: Defer }) {
  // The use cases' store claims a command's update inside the command's own first transaction.
  const claims = createUpdateClaims(appDeps.store, appDeps.clock);
  const deps = { ...appDeps, store: claims.store };
  const adaptive = createAdaptiveService(deps);
  const practice = createPractice(deps, adaptive);
  const rounds = createRounds(deps, adaptive);
  const boards = createBoards(deps, adaptive);
  const settings = createSettings(deps);
  const reports = createReports(deps);
  const daily = createDailyEngine(deps, adaptive);
  const dailyCommand = createDailyCommand(deps, daily);
  const limiter = createCommandLimiter(deps.clock);
  /** Round and daily answers from platform updates, committed in groups (see `answer-batcher.ts`). */
  // A batch serves many updates, so it runs outside the claim of whichever handler scheduled it.
  const defer = deps.defer ?? ((run: () => void) => void setImmediate(run));
  const answers = createAnswerBatcher(deps.store, (ctx, input) => rounds.answerInTransaction(ctx, input), (run) => defer(() => claims.outside(run)));
  const forget = createForget(deps);

  /** Runs one parsed command and returns the replies to send back; a user over the command limit gets one notice. */
  async function command(ctx: RequestContext, cmd: ParsedCommand): Promise<Reply[]> {
    try {
      const replies = await limitedCommand(ctx, cmd);
      // A command that changed nothing claims its update now; a duplicate is not answered again.
      return claims.finish() ? replies : [];
    } catch (error) {
      if (!(error instanceof DuplicateUpdate)) throw error;
      claims.finish();
      return [];
    }
  }

  async function limitedCommand(ctx: RequestContext, cmd: ParsedCommand): Promise<Reply[]> {
    const verdict = limiter.check(ctx.user.id);
    if (verdict === "drop") return [];
    if (verdict === "notice") return [notice([p(messages(participants(deps.store, ctx).lang).tooFast)])];
    return run(ctx, boundArgs(cmd));
  }

  async function run(ctx: RequestContext, cmd: ParsedCommand): Promise<Reply[]> {
    switch (cmd.name) {
      case "start":
      case "help": {
        const { lang } = participants(deps.store, ctx);
        return [{ type: "doc", doc: renderHelp(lang, cmd.name === "start") }];
      }
      case "practice":
        return practice.start(ctx, cmd.args[0]);
      case "review":
        return practice.start(ctx, undefined, "review");
      case "quiz":
        return rounds.start(ctx, cmd.args);
      case "stop":
        return rounds.stop(ctx);
      case "daily":
        return dailyCommand.daily(ctx, cmd.args);
      case "top":
        return boards.top(ctx, cmd.args);
      case "me":
        return boards.me(ctx);
      case "settings":
        return settings.settings(ctx, cmd.args);
      case "lang":
        return settings.lang(ctx, cmd.args);
      case "report":
        return reports.report(ctx, cmd.rest);
      case "forget":
        return forget.command(ctx, cmd.args);
      default: {
        const { lang } = participants(deps.store, ctx);
        return [notice([p(messages(lang).unknownCommand(cmd.name))])];
      }
    }
  }

  /**
   * A typed answer (1-based number) in text-only chats: it goes to the chat's
   * open round if there is one, else to whichever was shown last of the
   * user's open practice question and the chat's open daily question.
   */
  function typedAnswer(ctx: RequestContext, number: number): Reply[] | RoundAnswerOutcome {
    if (rounds.current(ctx.chat.id)) return rounds.answer(ctx, { option: number - 1 });
    const open = practice.current(ctx);
    const { lang } = participants(deps.store, ctx);
    const daily = rounds.current(ctx.chat.id, "daily");
    if (daily && (!open?.question || daily.state.openedAt >= open.session.state.askedAt)) {
      return rounds.answer(ctx, { option: number - 1, kind: "daily" });
    }
    if (!open?.question) return [notice([p(messages(lang).noPractice)])];
    return practice.answer(ctx, { sessionId: open.session.id, number: open.session.state.number, option: number - 1 });
  }

  /** The language to answer this request in (creating the user and chat rows if new). */
  function languageOf(ctx: RequestContext) {
    return participants(deps.store, ctx).lang;
  }

  /** Closes every round question and reveals every daily question whose time is up, then posts the daily questions due. */
  function closeDue(now: number): void {
    rounds.closeDue(now);
    daily.revealDue(now);
    daily.postDue(now);
  }

  /**
   * Runs the handler of a platform update that carries commands (a Telegram
   * message) so that the command claims `key` in the same transaction as the
   * state change it makes: a redelivered update, also after a crash, changes
   * state once and is answered once.
   */
  function withUpdateClaim<T>(key: string, handler: () => Promise<T>): Promise<T> {
    return claims.run(key, handler);
  }

  return { command, withUpdateClaim, typedAnswer, languageOf, closeDue, answers, practice, rounds, daily, boards, settings, reports, forget };
}

/** The game application: every use case the adapters call. */
export type GameApp = ReturnType<typeof createGameApp>;
