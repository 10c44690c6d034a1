/**
 * `npm run cards:update-goldens`: redraws the golden PNGs the card tests compare
 * against (test/cards/goldens/) and the README example (docs/cards/me-en.png).
 * Run it after an intended change to a card, and look at the pictures before committing.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { CARD_CASES, goldenPath } from "../test/cards/cases.ts";

for (const { name, draw } of CARD_CASES) {
  const path = goldenPath(name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, draw().png);
  process.stdout.write(`wrote ${path}\n`);
}
const example = fileURLToPath(new URL("../docs/cards/me-en.png", import.meta.url));
mkdirSync(dirname(example), { recursive: true });
copyFileSync(goldenPath("me-en"), example);
process.stdout.write(`wrote ${example}\n`);
