/** Every piece of UI text, per language. Question text comes from the bank. */
export interface Messages {
  readonly greeting: string;
  readonly helpTitle: string;
  readonly commands: Readonly<Record<string, string>>;
  readonly unknownCommand: (name: string) => string;
  readonly somethingWentWrong: string;
  readonly tooFast: string;

  readonly practiceHeader: (n: number) => string;
  readonly reviewHeader: (n: number) => string;
  readonly noReviewsDue: (wait: string) => string;
  readonly noReviewCards: string;
  readonly practiceOnlyPrivate: string;
  readonly noQuestions: string;
  readonly unknownTopic: (topic: string, topics: string) => string;
  readonly correct: string;
  readonly wrong: (answer: string) => string;
  readonly next: string;
  readonly staleButton: string;
  readonly notYourPractice: string;
  readonly noPractice: string;
  readonly pickOption: (max: number) => string;
  readonly notACommand: string;

  readonly roundStarted: (questions: number, seconds: number) => string;
  readonly roundAlreadyRunning: string;
  readonly roundNotRunning: string;
  readonly roundStopNotAllowed: string;
  readonly roundQuestionHeader: (index: number, total: number, seconds: number) => string;
  readonly roundQuestionClosed: (index: number, total: number) => string;
  readonly roundBadCount: (max: number) => string;
  readonly answerLocked: (label: string) => string;
  readonly alreadyAnswered: string;
  readonly questionClosed: string;
  readonly timeUp: (answer: string) => string;
  readonly whoWasRight: string;
  readonly nobodyRight: string;
  readonly noAnswers: string;
  readonly pointsNotCounted: (min: number) => string;
  readonly answeredCount: (n: number) => string;
  /** The line under a list cut to fit a message: how many more players there are. */
  readonly andMorePlayers: (n: number) => string;
  readonly roundOver: string;
  readonly roundStopped: (asked: number, total: number) => string;
  readonly standingsHeader: readonly [string, string, string, string];
  readonly seconds: (ms: number) => string;

  readonly periodNames: Readonly<Record<"week" | "month" | "all", string>>;
  readonly topTitle: (period: string, global: boolean) => string;
  readonly topEmpty: string;
  readonly topHeader: readonly [string, string, string];
  readonly yourRank: (rank: number, points: number, players: number) => string;
  readonly youHaveNoPoints: string;
  readonly topUsage: string;

  readonly meTitle: (name: string) => string;
  readonly meTotals: (answers: number, accuracy: number) => string;
  readonly meNoAnswers: string;
  readonly meTopicHeader: readonly [string, string, string, string];
  readonly meWeakest: (topic: string) => string;
  readonly meReviewsDue: (n: number) => string;
  readonly meNextReview: (wait: string) => string;
  readonly meNoReviews: string;
  readonly meStreak: (n: number) => string;
  readonly meRank: (rank: number, points: number) => string;

  readonly settingsTitle: string;
  readonly settingsLines: (s: { lang: string; timezone: string; roundSeconds: number; roundQuestions: number; topics: string; cards: boolean }) => string[];
  readonly settingsUsage: string;
  readonly settingsAdminOnly: string;
  readonly settingsSaved: string;
  readonly settingsBadValue: (key: string, rule: string) => string;
  readonly allTopics: string;
  /** The rule for `/settings cards`, shown when the value is neither on nor off. */
  readonly settingsCardsRule: string;
  readonly langUsage: string;
  readonly langSet: string;

  readonly reportSaved: (id: string) => string;
  readonly reportUsage: string;
  readonly reportNothing: string;
}
