import { COMMAND_NAMES } from "../../src/app/game-app.ts";
import { parseCommand } from "../../src/core/game/commands.ts";
import { createSeededRng } from "../../src/core/rng.ts";

/**
 * Seeded generators of bad input for the fuzz tests: odd command arguments,
 * garbage `callback_data` and custom ids, out-of-range numbers. Every odd
 * argument is chosen so that no command that changes state accepts it (no
 * valid count, topic, setting key or value, language or "confirm"), so a run
 * may change only what the tests list as legitimate.
 */
export function createFuzz(seed: number) {
  const rng = createSeededRng(seed);
  const int = (n: number) => Math.floor(rng.next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chars = (from: number, to: number, n: number) => Array.from({ length: n }, () => String.fromCharCode(from + int(to - from))).join("");

  /** Numbers no rule accepts: negative, zero, fractional, huge, not finite, or written oddly. */
  const BAD_NUMBERS = ["-1", "0", "-0", "21", "121", "1.5", "1e309", "-99999999999", "9".repeat(40), "NaN", "Infinity", "0x10", "٣", "1_000", "+5"];
  const ODD: (() => string)[] = [
    () => pick(BAD_NUMBERS),
    () => "x".repeat(4096 + int(4096)),
    () => chars(0, 32, 1 + int(20)),
    () => chars(0, 256, 1 + int(200)),
    () => pick(["🐍", "💥🔥", "👩‍💻", "🏳️‍🌈", "🇷🇺"]).repeat(1 + int(50)),
    () => pick(["مرحبا بالعالم", "שלום", "\u202Egnp.exe", "\u200F\u200E", "a\u0301\u0301\u0301"]),
    () => pick(["-1001234567890", "tg:-100777", "dc:822222222222222222", "dc:u1", "cli:local", "@everyone", "<@811111111111111111>"]),
    () => pick(["'; DROP TABLE users; --", "<b>bold</b><script>", "**md** `x` ||spoiler||", "${process.env}", "%s%n", "\\", "\uD800", "\uFFFF"]),
    () => chars(0x4e00, 0x9fff, 1 + int(30)),
  ];
  const odd = () => pick(ODD)();

  /** Command names: every real one except /review (its arguments are ignored, so it always starts a session), and made-up ones. */
  const NAMES = [...COMMAND_NAMES.filter((n) => n !== "review"), "quizz", "Forget", "STOP", "a".repeat(32), "x".repeat(33), "start_", "0"];

  return {
    int,
    pick,
    odd,
    /** One number no answer accepts (as an option index or a 1-based typed answer). */
    badOption: () => pick([-1, 8, 9, 99, 1e9, 2 ** 31, -(2 ** 31), 1.5, Number.NaN, Infinity, -Infinity]),
    /** A command with one to three odd arguments (always at least one), maybe addressed to some bot. */
    command(): string {
      const target = pick(["", "", "@memquiz_test_bot", "@other_bot", "@"]);
      const args = Array.from({ length: 1 + int(3) }, odd).join(pick([" ", "  ", "\n", "\t"]));
      const text = `${pick(["/", "/", "/", "//", " /"])}${pick(NAMES)}${target} ${args}`;
      // Arguments of whitespace alone would leave a bare /quiz, which starts a round.
      return parseCommand(text)?.args.length === 0 ? `${text} 0` : text;
    },
    /** A message that isn't a command. */
    text: () => pick([odd(), `${odd()} /quiz`, "", " ", "/", "@memquiz_test_bot", odd() + odd()]),
    /** `callback_data`: valid-looking with ids and options out of range or of other sessions, forget tokens, and garbage. */
    callbackData(sessionIds: readonly number[]): string {
      const session = () => String(pick([...sessionIds, ...sessionIds, 0, 999_999, 2 ** 31, 2 ** 53, -1]));
      return pick([
        () => `a:${session()}:${int(5)}:${pick(["9", "8", "-1", "99", "x", ""])}`,
        () => `a:${session()}:${pick(["0", "99999999999", "-1", "1.5"])}:0`,
        () => `n:${session()}`,
        () => `fg:${pick(["y", "n", "x"])}:${pick(["", "0000000000", chars(97, 123, 10), chars(0, 128, 10), "a".repeat(17)])}`,
        () => odd().slice(0, 64),
        () => odd(),
        () => "",
      ])();
    },
    /** A Discord custom id, like the callback data. */
    customId(sessionIds: readonly number[]): string {
      const session = () => String(pick([...sessionIds, ...sessionIds, 0, 999_999, 2 ** 31, 2 ** 53, -1]));
      return pick([
        () => `mq:a:${session()}:${int(5)}:${pick(["9", "8", "x"])}`,
        () => `mq:r:${session()}:${pick(["0", "1", "99", "-1"])}:${pick(["9", "8", "-1", "x"])}`,
        () => `mq:n:${session()}`,
        () => `mq:fg:${pick(["y", "n"])}:${pick(["", "zzzzzzzzzz", chars(0, 128, 10)])}`,
        () => odd().slice(0, 100),
        () => "x",
      ])();
    },
  };
}

/** The fuzz generators. */
export type Fuzz = ReturnType<typeof createFuzz>;
