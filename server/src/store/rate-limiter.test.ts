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

describe.each(engines)("reserve-then-act on %s", (engine) => {
  test("24 concurrent reservations get exactly `limit` slots; refusals are not counted", async () => {
    const db = await databases.open(engine);
    const limiter = createRateLimiter(db);
    const policy = { limit: 5, windowSeconds: 600 };
    const slots = await Promise.all(
      Array.from({ length: 24 }, () => limiter.reserve("otp-send:mobile:9876543210", policy)),
    );
    const granted = slots.filter((slot) => slot.allowed);
    expect(granted).toHaveLength(5);
    expect(granted.map((slot) => slot.count).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const refused of slots.filter((slot) => !slot.allowed)) {
      expect(refused).toMatchObject({ count: 5, retryAfterSeconds: 600 });
    }
    const [row] = await db.selectFrom("rate_limits").select("count").execute();
    expect(Number(row?.count)).toBe(5);
  });

  test("release gives one slot back, once; a refused slot has nothing to give", async () => {
    const db = await databases.open(engine);
    const clock = testClock();
    const limiter = createRateLimiter(db, clock.now);
    const policy = { limit: 2, windowSeconds: 60 };
    const first = await limiter.reserve("k:a", policy);
    await limiter.reserve("k:a", policy);
    const refused = await limiter.reserve("k:a", policy);
    expect(refused.allowed).toBe(false);
    await refused.release();
    expect((await limiter.reserve("k:a", policy)).allowed).toBe(false);

    await first.release();
    await first.release(); // the second call gives back nothing more
    const again = await limiter.reserve("k:a", policy);
    expect(again).toMatchObject({ allowed: true, count: 2 });
    expect((await limiter.reserve("k:a", policy)).allowed).toBe(false);
  });

  test("a slot from an ended window is not given back to the next one", async () => {
    const db = await databases.open(engine);
    const clock = testClock();
    const limiter = createRateLimiter(db, clock.now);
    const policy = { limit: 2, windowSeconds: 60 };
    const old = await limiter.reserve("k:w", policy);
    clock.advance(61);
    await limiter.reserve("k:w", policy);
    await limiter.reserve("k:w", policy);
    await old.release();
    expect((await limiter.reserve("k:w", policy)).allowed).toBe(false);
  });

  test("the limit-th slot locks the key: refused until the lock ends; a release lifts it", async () => {
    const db = await databases.open(engine);
    const clock = testClock();
    const limiter = createRateLimiter(db, clock.now);
    const policy = { limit: 3, windowSeconds: 60, lockSeconds: 900 };
    const slots = await Promise.all(
      Array.from({ length: 3 }, () => limiter.reserve("sign-in:login:admin", policy)),
    );
    expect(slots.every((slot) => slot.allowed)).toBe(true);
    expect(await limiter.reserve("sign-in:login:admin", policy)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 900,
    });
    clock.advance(600); // the window has ended; the lock has not
    expect(await limiter.reserve("sign-in:login:admin", policy)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 300,
    });
    expect((await limiter.peek("sign-in:login:admin", policy)).allowed).toBe(false);
    clock.advance(300);
    expect(await limiter.reserve("sign-in:login:admin", policy)).toMatchObject({
      allowed: true,
      count: 1,
    });

    const clockTwo = testClock();
    const other = createRateLimiter(db, clockTwo.now);
    const held = await Promise.all(
      Array.from({ length: 3 }, () => other.reserve("sign-in:login:demo", policy)),
    );
    expect((await other.reserve("sign-in:login:demo", policy)).allowed).toBe(false);
    await held[2]?.release();
    expect(await other.reserve("sign-in:login:demo", policy)).toMatchObject({
      allowed: true,
      count: 3,
    });
  });

  test("reserve, release and consume/peek share one counter", async () => {
    const db = await databases.open(engine);
    const limiter = createRateLimiter(db);
    const policy = { limit: 3, windowSeconds: 60 };
    await limiter.consume("k:mixed", policy);
    const slot = await limiter.reserve("k:mixed", policy);
    expect(slot).toMatchObject({ allowed: true, count: 2 });
    expect(await limiter.peek("k:mixed", policy)).toMatchObject({ allowed: true, count: 2 });
    await slot.release();
    expect(await limiter.peek("k:mixed", policy)).toMatchObject({ allowed: true, count: 1 });
  });
});

describe.each(engines)("reserveAll (both OTP-send slots) on %s", (engine) => {
  const agentKey = "otp-send:agent:agent-1";
  const mobileKey = "otp-send:mobile:9876543210";

  test("per-mobile full: 20 parallel reservations take the per-agent slot only with the mobile one", async () => {
    const limiter = createRateLimiter(await databases.open(engine));
    const perAgent = { limit: 50, windowSeconds: 600 };
    const perMobile = { limit: 3, windowSeconds: 600 };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.reserveAll([
          { key: agentKey, limit: perAgent },
          { key: mobileKey, limit: perMobile },
        ]),
      ),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
    for (const result of results.filter((result) => !result.allowed)) {
      expect(result).toMatchObject({ refused: 1 });
    }
    expect(await limiter.peek(mobileKey, perMobile)).toMatchObject({ allowed: false, count: 3 });
    // The 17 refused ones left the agent's allowance alone.
    expect(await limiter.peek(agentKey, perAgent)).toMatchObject({ count: 3 });
  });

  test("per-agent full: 20 parallel reservations take the per-mobile slot only with the agent one", async () => {
    const limiter = createRateLimiter(await databases.open(engine));
    const perAgent = { limit: 4, windowSeconds: 600 };
    const perMobile = { limit: 50, windowSeconds: 600 };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.reserveAll([
          { key: agentKey, limit: perAgent },
          { key: mobileKey, limit: perMobile },
        ]),
      ),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(4);
    for (const result of results.filter((result) => !result.allowed)) {
      expect(result).toMatchObject({ refused: 0 });
    }
    expect(await limiter.peek(mobileKey, perMobile)).toMatchObject({ count: 4 });
  });

  test("the slots it took are given back one by one; a refusal reports the wait", async () => {
    const clock = testClock();
    const limiter = createRateLimiter(await databases.open(engine), clock.now);
    const perAgent = { limit: 5, windowSeconds: 600 };
    const perMobile = { limit: 1, windowSeconds: 600 };
    const both = [
      { key: agentKey, limit: perAgent },
      { key: mobileKey, limit: perMobile },
    ];
    const taken = await limiter.reserveAll(both);
    if (!taken.allowed) throw new Error("the first reservation must be allowed");
    clock.advance(100);
    expect(await limiter.reserveAll(both)).toEqual({
      allowed: false,
      refused: 1,
      retryAfterSeconds: 500,
    });
    await taken.slots[1]?.release();
    expect(await limiter.peek(mobileKey, perMobile)).toMatchObject({ allowed: true, count: 0 });
    expect(await limiter.peek(agentKey, perAgent)).toMatchObject({ count: 1 });
  });
});

test("two instances on one PostgreSQL: reserveAll is all-or-nothing across them", async () => {
  const config = await databases.config("postgres");
  const [first, second] = [await databases.reopen(config), await databases.reopen(config)];
  const limiters = [createRateLimiter(first), createRateLimiter(second)];
  const perAgent = { limit: 50, windowSeconds: 600 };
  const perMobile = { limit: 5, windowSeconds: 600 };
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      limiters[i % 2]?.reserveAll([
        { key: "otp-send:agent:agent-2", limit: perAgent },
        { key: "otp-send:mobile:9876500001", limit: perMobile },
      ]),
    ),
  );
  expect(results.filter((result) => result?.allowed)).toHaveLength(5);
  expect(await limiters[0]?.peek("otp-send:agent:agent-2", perAgent)).toMatchObject({ count: 5 });
});

test("two instances on one PostgreSQL: 30 concurrent reservations, exactly `limit` slots", async () => {
  const config = await databases.config("postgres");
  const [first, second] = [await databases.reopen(config), await databases.reopen(config)];
  const limiters = [createRateLimiter(first), createRateLimiter(second)];
  const policy = { limit: 7, windowSeconds: 600, lockSeconds: 600 };
  const slots = await Promise.all(
    Array.from({ length: 30 }, (_, i) => limiters[i % 2]?.reserve("sign-in:login:admin", policy)),
  );
  const granted = slots.filter((slot) => slot?.allowed);
  expect(granted).toHaveLength(7);
  expect(granted.map((slot) => slot?.count).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  // A slot released on one instance can be taken on the other, once.
  await granted[0]?.release();
  const retaken = await Promise.all(
    Array.from({ length: 10 }, (_, i) => limiters[i % 2]?.reserve("sign-in:login:admin", policy)),
  );
  expect(retaken.filter((slot) => slot?.allowed)).toHaveLength(1);
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
