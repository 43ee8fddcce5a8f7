import { afterEach, expect, test } from "vitest";
import type { Db } from "../store/db.ts";
import { openStore } from "../store/open-store.ts";
import { createRateLimiter } from "../store/rate-limiter.ts";
import { testClock } from "../test-support/app.ts";
import { ApiProblem } from "./problem.ts";
import { checkOtpVerifyAllowed, limitOtpSend, recordOtpVerifyFailure } from "./rate-limits.ts";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

async function limiter() {
  const db = await openStore({ database: { kind: "sqlite", path: ":memory:" } });
  opened.push(db);
  const clock = testClock();
  return { limiter: createRateLimiter(db, clock.now), clock };
}

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

test("five OTPs per mobile per 10 minutes, then 429 rate_limited with a retry hint", async () => {
  const { limiter: l, clock } = await limiter();
  for (let i = 0; i < 5; i++) await limitOtpSend(l, { mobile: "9876543210", agentId: "a1" });
  clock.advance(60);
  const refused = await problemOf(limitOtpSend(l, { mobile: "9876543210", agentId: "a2" }));
  expect(refused).toBeInstanceOf(ApiProblem);
  expect(refused).toMatchObject({
    code: "rate_limited",
    status: 429,
    details: { retryAfterSeconds: 540 },
  });
  // Another customer is unaffected; after the window the first one is too.
  await limitOtpSend(l, { mobile: "9876500000", agentId: "a1" });
  clock.advance(540);
  await limitOtpSend(l, { mobile: "9876543210", agentId: "a1" });
});

test("sixty OTPs per agent per 10 minutes across customers", async () => {
  const { limiter: l } = await limiter();
  for (let i = 0; i < 60; i++) {
    await limitOtpSend(l, { mobile: `98765${String(i).padStart(5, "0")}`, agentId: "busy" });
  }
  expect(await problemOf(limitOtpSend(l, { mobile: "9000000000", agentId: "busy" }))).toMatchObject(
    {
      code: "rate_limited",
    },
  );
  await limitOtpSend(l, { mobile: "9000000000", agentId: "calm" });
});

test("ten wrong OTPs for one mobile block further verifies for 30 minutes", async () => {
  const { limiter: l, clock } = await limiter();
  for (let i = 0; i < 10; i++) {
    await checkOtpVerifyAllowed(l, { mobile: "9876543210" });
    await recordOtpVerifyFailure(l, { mobile: "9876543210" });
  }
  expect(await problemOf(checkOtpVerifyAllowed(l, { mobile: "9876543210" }))).toMatchObject({
    code: "rate_limited",
    details: { retryAfterSeconds: 1800 },
  });
  await checkOtpVerifyAllowed(l, { mobile: "9876500000" });
  clock.advance(1800);
  await checkOtpVerifyAllowed(l, { mobile: "9876543210" });
});
