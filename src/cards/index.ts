/**
 * Picture cards for `/me`, `/top` and a closed season: plain data in, PNG bytes out.
 * The text replies stay the fallback; captions are the caller's business.
 * Only this folder imports `@napi-rs/canvas` (checked by .dependency-cruiser.cjs).
 */
export { createCardDrawer, renderCard, type CardDrawer, type CardImage } from "./draw-card.ts";
export { cardLabels, formatCount, type CardLabels } from "./labels.ts";
export { CALENDAR_DAYS, drawMeCard, renderMeCard } from "./me.ts";
export { fitText, type Box, type CardDrawing, type PlacedText, type TextStyle } from "./painter.ts";
export { drawSeasonCard, renderSeasonCard } from "./season.ts";
export { drawTopCard, renderTopCard } from "./top.ts";
export type { CardLang, CardRow, CardSpec, CardTopic, MeCardData, SeasonCardData, TopCardData, TopCardRow } from "./types.ts";
