/**
 * The plain data the picture cards are drawn from. The types live in the core
 * (`src/core/render/card-data.ts`), which fills them without drawing; they
 * are re-exported here for the renderer and its tests.
 */
export type {
  CardLang,
  CardRow,
  CardSpec,
  CardTopic,
  MeCardData,
  SeasonCardData,
  TopCardData,
  TopCardRow,
} from "../core/render/card-data.ts";
