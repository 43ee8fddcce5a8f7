import { describe, expect, test } from "vitest";
import { testClock } from "../test-support/app.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import { createRateLimiter } from "./rate-limiter.ts";

const databases = setUpTestDatabases();

describe.each(engines)("rate limiter on %s", (engine) => {
  test("allows `limit` calls per window, then refuses until the window ends", async () => {
    const db = await databases.open(engine);
    const clock = testClock();
    const limiter = createRateLimiter(db, clock.now);
    const policy = { limit: 3, windowSeconds: 600 };

    for (let call = 1; call <= 3; call++) {
      expect(await limiter.consume("otp-send:mobile:9876543210", policy)).toEqual({
        allowed: true,
        count: call,
        retryAfterSeconds: 0,
      });
    }
    clock.advance(100);
    const refused = await limiter.consume("otp-send:mobile:9876543210", policy);
    expect(refused).toMatchObject({ allowed: false, count: 4, retryAfterSeconds: 500 });
    // Other keys are counted apart.
    expect((await limiter.consume("otp-send:mobile:9876500000", policy)).allowed).toBe(true);

    clock.advance(500);
    expect(await limiter.consume("otp-send:mobile:9876543210", policy)).toMatchObject({
      allowed: true,
      count: 1,
    });
  });

  test("a lock starts when the limit is reached and outlasts the window", async () => {
    const db = await databases.open(engine);
    const clock = testClock();
    const limiter = createRateLimiter(db, clock.now);
    const policy = { limit: 2, windowSeconds: 60, lockSeconds: 900 };

    expect((await limiter.peek("k:a", policy)).allowed).toBe(true);
    await limiter.consume("k:a", policy);
    expect((await limiter.peek("k:a", policy)).allowed).toBe(true);
    clock.advance(10);
    await limiter.consume("k:a", policy); // the limit-th failure locks
    expect(await limiter.peek("k:a", policy)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 900,
    });

    clock.advance(600); // the 60 s window is long gone; the lock is not
    expect(await limiter.peek("k:a", policy)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 300,
    });
    expect(await limiter.consume("k:a", policy)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 300,
    });

    clock.advance(300);
    expect((await limiter.peek("k:a", policy)).allowed).toBe(true);
    expect(await limiter.consume("k:a", policy)).toMatchObject({ allowed: true, count: 1 });
  });

  test("reset clears a key; purgeExpired drops only finished counters", async () => {
    const db = await databases.open(engine);
    const clock = testClock();
    const limiter = createRateLimiter(db, clock.now);
    await limiter.consume("k:short", { limit: 1, windowSeconds: 10 });
    await limiter.consume("k:short", { limit: 1, windowSeconds: 10 });
    expect((await limiter.peek("k:short", { limit: 1, windowSeconds: 10 })).allowed).toBe(false);
    await limiter.reset("k:short");
    expect((await limiter.peek("k:short", { limit: 1, windowSeconds: 10 })).allowed).toBe(true);

    await limiter.consume("k:gone", { limit: 5, windowSeconds: 10 });
    await limiter.consume("k:locked", { limit: 1, windowSeconds: 10, lockSeconds: 100 });
    await limiter.consume("k:open", { limit: 5, windowSeconds: 1000 });
    clock.advance(20);
    await limiter.purgeExpired();
    expect(await db.selectFrom("rate_limits").select("key").execute()).toHaveLength(2);
  });

  test("stores a digest of the subject, not the mobile, login or IP", async () => {
    const db = await databases.open(engine);
    await createRateLimiter(db).consume("otp-send:mobile:9876543210", {
      limit: 5,
      windowSeconds: 60,
    });
    const [row] = await db.selectFrom("rate_limits").select("key").execute();
    expect(row?.key).toMatch(/^otp-send:mobile:[A-Za-z0-9_-]{32}$/);
    expect(row?.key).not.toContain("9876543210");
  });

  test("concurrent calls never let more than `limit` through", async () => {
    const db = await databases.open(engine);
    const limiter = createRateLimiter(db);
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        limiter.consume("k:burst", { limit: 10, windowSeconds: 60 }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
  });
});

test("two instances on one PostgreSQL share the counters", async () => {
  const config = await databases.config("postgres");
  const [first, second] = [await databases.reopen(config), await databases.reopen(config)];
  const limiters = [createRateLimiter(first), createRateLimiter(second)];
  const policy = { limit: 10, windowSeconds: 600 };
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      limiters[i % 2]?.consume("sign-in:ip:203.0.113.7", policy),
    ),
  );
  expect(results.filter((r) => r?.allowed)).toHaveLength(10);
  expect(await limiters[0]?.peek("sign-in:ip:203.0.113.7", policy)).toMatchObject({
    allowed: false,
    count: 30,
  });
  await limiters[1]?.reset("sign-in:ip:203.0.113.7");
  expect((await limiters[0]?.peek("sign-in:ip:203.0.113.7", policy))?.allowed).toBe(true);
});
