import { describe, expect, it } from "vitest";
import { fromJson, jsonCopy, toJson } from "../../src/storage/sqlite-json.ts";
import { createSqliteStore, openDatabase } from "../../src/storage/index.ts";

/** What a read of the stored row gives: the value through JSON and back. */
function roundTrip(value: unknown): unknown {
  return fromJson(toJson(value), "test value");
}

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const withProto = JSON.parse('{"a":1,"__proto__":{"b":2}}') as unknown;
const withPrimitiveProto = JSON.parse('{"a":1,"__proto__":null}') as unknown;

const VALUES: Record<string, unknown> = {
  "an ability state": { mean: -1.0557475985175886, sd: 0.6538880550192941, n: 10, at: 1795608300000 },
  "a review card": { due: 1, stability: 0.2, difficulty: 6.4, scheduledDays: 0, learningSteps: 1, reps: 1, lapses: 0, state: 1, lastReview: null },
  "strings and booleans": { s: "ü\u2028\"", t: true, f: false, z: null },
  "integer-like keys, which come first": { b: 1, 2: "two", a: 3, 1: "one" },
  "an empty object": {},
  "minus zero": { v: -0 },
  NaN: { v: Number.NaN },
  Infinity: { v: Number.POSITIVE_INFINITY },
  "an undefined value": { a: 1, v: undefined },
  "a nested object": { a: { b: 1 } },
  "an array value": { a: [1, 2] },
  "a date": { at: new Date(0) },
  "a toJSON method": { toJSON: () => ({ other: 1 }), a: 1 },
  "a class instance": new Point(1, 2),
  "no prototype": Object.assign(Object.create(null) as object, { a: 1 }),
  "a __proto__ key": withProto,
  "a __proto__ key holding null": withPrimitiveProto,
  "a bigint-free array": [1, 2, 3],
  "a string": "text",
  "a number": 4,
  null: null,
  undefined: undefined,
};

describe("jsonCopy", () => {
  for (const [name, value] of Object.entries(VALUES)) {
    it(`gives what reading the stored JSON gives: ${name}`, () => {
      const copy = jsonCopy<unknown>(value, toJson(value), "test value");
      const read = roundTrip(value);
      expect(copy).toStrictEqual(read);
      // Same keys in the same order, and the same prototype.
      if (typeof read === "object" && read !== null) {
        expect(Object.keys(copy as object)).toEqual(Object.keys(read));
        expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(read));
        expect(copy).not.toBe(value);
      }
    });
  }

  it("copies, so changing the original later does not change the copy", () => {
    const state = { mean: 1, sd: 0.5, n: 2 };
    const copy = jsonCopy<{ mean: number }>(state, toJson(state), "state");
    state.mean = 9;
    expect(copy.mean).toBe(1);
  });

  it("reports a corrupt text as the read would, when it has to parse", () => {
    expect(() => jsonCopy({ a: [1] }, "{", "bad value")).toThrow(/can't read bad value/);
  });
});

describe("the ability and card caches", () => {
  it("hold what a fresh read returns after every write", () => {
    const db = openDatabase(":memory:");
    const store = createSqliteStore(db);
    const at = 1_000;
    store.upsertUser("tg:1", "Ann");
    store.abilities("tg:1"); // fill the cache
    store.reviewCards("tg:1");
    const states: unknown[] = [{ mean: 0.5, sd: 0.8, n: 3, at }, { mean: -0, sd: 1, n: 0, at }, { mean: 1, sd: 0.4, n: 4, at, extra: { a: 1 } }];
    for (const [i, state] of states.entries()) {
      store.putAbility("tg:1", "", state, at + i);
      store.putReviewCard("tg:1", "q1", { ...(state as object), due: at + i }, at + i, at + i);
      const cachedAbility = store.abilities("tg:1").get("");
      const cachedCards = store.reviewCards("tg:1");
      // A second store on the same database has nothing cached: it reads the rows.
      const fresh = createSqliteStore(db);
      expect(cachedAbility).toStrictEqual(fresh.abilities("tg:1").get(""));
      expect(cachedCards).toStrictEqual(fresh.reviewCards("tg:1"));
      expect(Object.isFrozen(cachedAbility)).toBe(true);
    }
    db.close();
  });
});
