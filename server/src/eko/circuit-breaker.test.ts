import { expect, test } from "vitest";
import { createCircuitBreaker } from "./circuit-breaker.ts";

function clock(start = 0) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

test("opens after `threshold` consecutive failures and fails fast while open", () => {
  const time = clock();
  const breaker = createCircuitBreaker({ threshold: 3, openMs: 30_000, now: time.now });
  for (let i = 0; i < 2; i++) {
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
  }
  expect(breaker.state()).toBe("closed");
  expect(breaker.tryAcquire()).toBe(true);
  breaker.failure();
  expect(breaker.state()).toBe("open");
  expect(breaker.tryAcquire()).toBe(false);
  time.advance(29_999);
  expect(breaker.tryAcquire()).toBe(false);
});

test("a success in between resets the count", () => {
  const breaker = createCircuitBreaker({ threshold: 2, now: clock().now });
  breaker.failure();
  breaker.success();
  breaker.failure();
  expect(breaker.state()).toBe("closed");
});

test("half-open lets exactly one trial through; its success closes the circuit", () => {
  const time = clock();
  const breaker = createCircuitBreaker({ threshold: 1, openMs: 1_000, now: time.now });
  breaker.failure();
  time.advance(1_000);
  expect(breaker.state()).toBe("half_open");
  expect(breaker.tryAcquire()).toBe(true);
  expect(breaker.tryAcquire()).toBe(false);
  breaker.success();
  expect(breaker.state()).toBe("closed");
  expect(breaker.tryAcquire()).toBe(true);
});

test("a failed trial re-opens the circuit for another full period", () => {
  const time = clock();
  const breaker = createCircuitBreaker({ threshold: 5, openMs: 1_000, now: time.now });
  for (let i = 0; i < 5; i++) breaker.failure();
  time.advance(1_000);
  expect(breaker.tryAcquire()).toBe(true);
  breaker.failure();
  expect(breaker.state()).toBe("open");
  time.advance(999);
  expect(breaker.tryAcquire()).toBe(false);
  time.advance(1);
  expect(breaker.tryAcquire()).toBe(true);
});
