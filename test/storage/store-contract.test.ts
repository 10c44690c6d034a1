import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDatabase, createSqliteStore, openDatabase } from "../../src/storage/index.ts";
import { CONTRACT_NOW, describeStoreContract } from "./store-contract.ts";

const clock = { now: () => CONTRACT_NOW };

describeStoreContract("the SQLite store on :memory:", () => {
  const db = openDatabase(":memory:");
  return { store: createSqliteStore(db, { clock }), close: () => closeDatabase(db) };
});

describeStoreContract("the SQLite store on a file", () => {
  const dir = mkdtempSync(join(tmpdir(), "memquiz-store-"));
  const db = openDatabase(join(dir, "memquiz.db"));
  return {
    store: createSqliteStore(db, { clock }),
    close: () => {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
