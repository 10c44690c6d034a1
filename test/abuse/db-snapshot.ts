import type Database from "better-sqlite3";

/**
 * Every row of every table, as sorted JSON lines per table, so two snapshots
 * can be compared table by table. `platform_refs` rows for chat titles are
 * left out: a group's title is remembered from any command in it.
 */
export function snapshot(db: Database.Database): Map<string, string[]> {
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
  const out = new Map<string, string[]>();
  for (const table of tables) {
    const where = table === "platform_refs" ? " WHERE key NOT LIKE 'chat-title:%'" : "";
    out.set(table, (db.prepare(`SELECT * FROM "${table}"${where}`).all() as unknown[]).map((row) => JSON.stringify(row)).sort());
  }
  return out;
}

/** The rows of `before` that changed or disappeared in `after`, and the rows `after` added, per table. */
export function diffSnapshots(before: Map<string, string[]>, after: Map<string, string[]>): Map<string, { gone: string[]; added: string[] }> {
  const out = new Map<string, { gone: string[]; added: string[] }>();
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = new Set(before.get(table) ?? []);
    const b = new Set(after.get(table) ?? []);
    const gone = [...a].filter((row) => !b.has(row));
    const added = [...b].filter((row) => !a.has(row));
    if (gone.length > 0 || added.length > 0) out.set(table, { gone, added });
  }
  return out;
}
