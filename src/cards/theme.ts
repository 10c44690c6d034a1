/** Colours shared by the cards: a dark theme that reads well in Telegram and Discord. */
export const THEME = {
  background: "#0f172a",
  panel: "#1e293b",
  panelAlt: "#18233a",
  track: "#334155",
  text: "#f1f5f9",
  muted: "#94a3b8",
  accent: "#38bdf8",
  good: "#4ade80",
  weak: "#f87171",
  weakTint: "#3a2130",
  callerFill: "#0c3a55",
  onMedal: "#0f172a",
  medals: ["#fbbf24", "#cbd5e1", "#d97706"],
} as const;

/** Card width in px; heights follow the content. */
export const CARD_WIDTH = 800;
/** The margin around the content, in px. */
export const PAD = 40;

/** The medal colour for a podium place (0 = gold), or undefined past the third. */
export function medalColour(index: number): string | undefined {
  return THEME.medals[index];
}
