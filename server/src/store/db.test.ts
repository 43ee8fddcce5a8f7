import { describe, expect, test } from "vitest";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import { compiledOnce } from "./db.ts";

const databases = setUpTestDatabases();

const insertLimit = compiledOnce(["key", "count", "ends"], (db, value) =>
  db.insertInto("rate_limits").values({
    key: value.key,
    count: value.count,
    window_ends_at: value.ends,
    locked_until: null,
  }),
);
// Columns in another order than the names: each value must land in its own column.
const countOf = compiledOnce(["key"], (db, value) =>
  db
    .selectFrom("rate_limits")
    .select(["count", "window_ends_at", "key"])
    .where("key", "=", value.key),
);

describe.each(engines)("compiledOnce on %s", (engine) => {
  test("each call runs with its own values, in their own columns, inside a transaction too", async () => {
    const db = await databases.open(engine);
    await insertLimit(db, { key: "a", count: 1, ends: "2030-01-01T00:00:00.000Z" });
    await db.transaction().execute(async (trx) => {
      await insertLimit(trx, { key: "b", count: 7, ends: "2031-01-01T00:00:00.000Z" });
    });

    const rowOf = async (key: string) => {
      const [row] = (await countOf(db, { key })).rows;
      return row ? { ...row, count: Number(row.count) } : undefined;
    };
    expect(await rowOf("a")).toEqual({
      key: "a",
      count: 1,
      window_ends_at: "2030-01-01T00:00:00.000Z",
    });
    expect(await rowOf("b")).toEqual({
      key: "b",
      count: 7,
      window_ends_at: "2031-01-01T00:00:00.000Z",
    });
    expect(await rowOf("c")).toBeUndefined();
  });

  test("a placeholder used twice (or not at all) is refused, not bound by guess", async () => {
    const db = await databases.open(engine);
    const twice = compiledOnce(["key"], (db, value) =>
      db
        .selectFrom("rate_limits")
        .selectAll()
        .where("key", "=", value.key)
        .where("key", "<>", value.key),
    );
    await expect(twice(db, { key: "a" })).rejects.toThrow(/key is used 2 times/);
    const unused = compiledOnce(["key", "other"], (db, value) =>
      db.selectFrom("rate_limits").selectAll().where("key", "=", value.key),
    );
    await expect(unused(db, { key: "a", other: "b" })).rejects.toThrow(/other is used 0 times/);
  });
});
