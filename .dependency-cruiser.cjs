/**
 * The dependency rule from DESIGN.md, checked by `npm test`:
 * the core is pure, only storage touches SQLite, adapters stay apart.
 */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "src/core imports only itself and a few pure libraries: no node:*, no platform, no storage.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { pathNot: ["^src/core/", "node_modules/(zod|yaml|js-yaml|ts-fsrs)/"] },
    },
    {
      name: "core-no-node-builtins",
      comment: "src/core never imports node:* modules.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "only-storage-imports-sqlite",
      comment: "better-sqlite3 is imported by src/storage only.",
      severity: "error",
      from: { pathNot: "^src/storage/" },
      to: { path: "node_modules/better-sqlite3/" },
    },
    {
      name: "adapters-are-separate",
      comment: "An adapter never imports another adapter.",
      severity: "error",
      from: { path: "^src/adapters/([^/]+)/" },
      to: { path: "^src/adapters/", pathNot: "^src/adapters/$1/" },
    },
    {
      name: "no-platform-outside-adapters",
      comment: "grammY and discord.js stay inside their adapters.",
      severity: "error",
      from: { pathNot: ["^src/adapters/", "^src/main\\.ts$"] },
      to: { path: "node_modules/(grammy|@grammyjs|discord\\.js|@discordjs)/" },
    },
    {
      name: "platforms-load-on-demand",
      comment: "Start-up loads a platform's adapter (and grammY or discord.js) only when its bot runs: `import()` or `import type`, so the console starts fast.",
      severity: "error",
      from: { path: "^src/(boot|main)\\.ts$" },
      to: { path: "^src/adapters/(discord|telegram)/", pathNot: "^src/adapters/discord/shard-process\\.ts$", dependencyTypesNot: ["dynamic-import", "type-only"] },
    },
    {
      name: "only-cards-import-canvas",
      comment: "@napi-rs/canvas (native drawing) is imported by src/cards only.",
      severity: "error",
      from: { pathNot: "^src/cards/" },
      to: { path: "node_modules/@napi-rs/canvas" },
    },
    {
      name: "core-does-not-draw",
      comment: "The core never imports the picture cards; use cases hand them plain data.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/cards/" },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
    },
  },
};
