import { mkdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { RequestContext } from "../../app/context.ts";
import type { Reply } from "../../app/replies.ts";
import type { Runtime } from "../../app/runtime.ts";
import type { RoundAnswerOutcome } from "../../app/use-cases/rounds.ts";
import { createCardDrawer } from "../../cards/index.ts";
import { parseCommand } from "../../core/game/commands.ts";
import type { RoundState } from "../../core/game/round.ts";
import { langFromCode, messages } from "../../core/i18n/index.ts";
import { renderHelp } from "../../core/render/boards.ts";
import { toPlainText, type Doc } from "../../core/render/doc.ts";
import type { CardSpec } from "../../core/render/card-data.ts";
import { seasonCardOf } from "../../core/render/cards.ts";
import { renderOutboxDoc } from "../../core/render/outbox.ts";
import { optionLabel, renderFeedback, renderQuestion } from "../../core/render/question.ts";
import type { TimerPort } from "../../app/ticker.ts";

/** The console chat's fixed identities: one local user in one private chat. */
export const CONSOLE_USER = "cli:local";

/** Options for the console chat. */
export interface ConsoleChatOptions {
  readonly runtime: Runtime;
  readonly input: Readable;
  readonly output: Writable;
  /** True for a terminal: show a prompt. False: read one line per message (scripts). */
  readonly interactive: boolean;
  /** The LANG of the environment, for the greeting and replies. */
  readonly localeHint: string | undefined;
  readonly userName: string;
  readonly timers: TimerPort;
  /** Where picture cards are written; `./data/cards` under the working directory unless given. */
  readonly cardsDir?: string | undefined;
}

/**
 * The console chat: the same commands as the bots, in the terminal. Each line
 * is one message; an option is answered by its number. Outbox messages (round
 * questions and results) print as they are delivered.
 */
export function createConsoleChat(options: ConsoleChatOptions) {
  const { runtime, output } = options;
  const { app, deps } = runtime;
  const ctx: RequestContext = {
    user: { id: CONSOLE_USER, name: options.userName, langHint: options.localeHint },
    chat: { id: CONSOLE_USER, kind: "private" },
    isAdmin: () => true,
  };
  const write = (doc: Doc) => output.write(`${toPlainText(doc)}\n\n`);
  const lang = () => deps.store.getUser(CONSOLE_USER)?.lang ?? deps.store.getChat(CONSOLE_USER)?.lang ?? langFromCode(options.localeHint);
  const cardsDir = resolve(options.cardsDir ?? join("data", "cards"));
  const drawCard = createCardDrawer(deps.log);
  const cardFaults = new Set<string>();

  /** Writes a card's PNG (one file per kind, replaced each time) and prints `card: <path>`; on a fault, logs once and goes on. */
  function writeCard(spec: CardSpec): void {
    const image = drawCard(spec);
    if (!image) return;
    const file = join(cardsDir, image.fileName);
    try {
      mkdirSync(cardsDir, { recursive: true });
      writeFileSync(file, image.png);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!cardFaults.has(reason)) deps.log?.warn(`console: could not write ${file} (${reason}); showing the text only (logged once)`);
      cardFaults.add(reason);
      return;
    }
    const shown = relative(process.cwd(), file);
    output.write(`card: ${shown.startsWith("..") || isAbsolute(shown) ? file : shown}\n`);
  }

  runtime.addSink("cli", {
    async deliver(record) {
      const card = record.payload.type === "season-results" ? seasonCardOf(record.payload) : undefined;
      if (card) writeCard(card);
      write(renderOutboxDoc(record.payload, deps.bank, "numbers", true));
    },
  });

  function show(replies: readonly Reply[]): void {
    for (const reply of replies) {
      if (reply.type === "doc") {
        if (reply.card) writeCard(reply.card);
        write(reply.doc);
        // No buttons here: the confirmation is typed.
        if (reply.confirm) output.write(`${reply.confirm.typed}\n\n`);
      }
      else if (reply.type === "practice-question") {
        write(renderQuestion(reply.question, reply.lang, { header: reply.header, style: "numbers", listOptions: true }));
      } else {
        write(renderFeedback(reply.question, reply.lang, reply.correct, "numbers"));
        // Text chats have no "Next" button: the next question follows at once.
        show(app.practice.next(ctx, reply.sessionId));
      }
    }
  }

  function showOutcome(outcome: RoundAnswerOutcome): void {
    const t = messages(outcome.lang);
    const text =
      outcome.kind === "accepted" ? t.answerLocked(optionLabel(outcome.option, "numbers"))
      : outcome.kind === "already-answered" ? t.alreadyAnswered
      : outcome.kind === "bad-option" ? t.pickOption(currentOptionCount())
      : t.questionClosed;
    output.write(`${text}\n\n`);
  }

  function currentOptionCount(): number {
    const round = app.rounds.current(CONSOLE_USER) ?? app.rounds.current(CONSOLE_USER, "daily");
    const id = round?.state.questionIds[round.state.index];
    return (id && deps.bank.byId(id)?.options.length) || 4;
  }

  /** Handles one line as one message and waits for every reply. */
  async function handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (text === "") return;
    const command = parseCommand(text);
    if (command) show(await app.command(ctx, command));
    else if (/^\d{1,3}$/.test(text)) {
      const result = app.typedAnswer(ctx, Number(text));
      if (Array.isArray(result)) show(result);
      else showOutcome(result);
    } else {
      output.write(`${messages(lang()).notACommand}\n\n`);
    }
    await runtime.settle();
  }

  /** Waits until the chat's open round question (if any) has closed and its results are out. */
  async function finishOpenQuestion(): Promise<void> {
    const round = deps.store.openSession<RoundState>(CONSOLE_USER, "round");
    if (!round || round.closesAt === null) return;
    const wait = Math.max(0, round.closesAt - deps.clock.now()) + 20;
    await new Promise<void>((resolve) => options.timers.set(resolve, wait));
    await runtime.tick();
  }

  let stopInput = () => {};

  return {
    /** Stops reading input (on SIGINT or SIGTERM); `run` then finishes as at end of input. */
    close: () => stopInput(),
    /** Greets, then reads lines until the input ends. */
    async run(): Promise<void> {
      write(renderHelp(lang(), true));
      // Questions that fell due while the process was down close now, and queued messages go out.
      await runtime.tick();
      const lines = createInterface({ input: options.input, terminal: false });
      stopInput = () => lines.close();
      if (options.interactive) output.write("> ");
      for await (const line of lines) {
        await handleLine(line);
        if (options.interactive) output.write("> ");
      }
      await finishOpenQuestion();
    },
    handleLine,
  };
}
