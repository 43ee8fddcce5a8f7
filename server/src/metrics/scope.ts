import { AsyncLocalStorage } from "node:async_hooks";
import type { LogEvent } from "kysely";
import type { Metrics } from "./metrics.ts";

/**
 * The Metrics of the app serving the current request. Code deep in a request
 * (the Eko client, the flow step runner, the abuse limits, the store's query
 * log) reports with one call and no new parameter to thread through; each
 * request carries its own app's Metrics, so several apps in one process
 * (tests) never count into each other. Work outside a request is not counted.
 */
const current = new AsyncLocalStorage<Metrics>();

export function runWithMetrics<T>(metrics: Metrics, work: () => T): T {
  return current.run(metrics, work);
}

export function currentMetrics(): Metrics | undefined {
  return current.getStore();
}

/** For the Eko client: one attempt's outcome, timed from `startedAt` (performance.now()). */
export function observeEkoCall(call: string, outcome: string, startedAt: number): void {
  current.getStore()?.observeEkoCall(call, outcome, (performance.now() - startedAt) / 1000);
}

/** For the flow step runner: the outcome written to each audit row. */
export function countFlowOutcome(rail: string, step: string, outcome: string): void {
  current.getStore()?.countFlowOutcome(rail, step, outcome);
}

/** For the abuse limits: `limit` is the policy's name (http/rate-limits.ts `policies`). */
export function countRateLimitRefusal(limit: string): void {
  current.getStore()?.countRateLimitRefusal(limit);
}

export function watchCircuitBreaker(
  target: string,
  breaker: Parameters<Metrics["watchCircuitBreaker"]>[1],
): void {
  current.getStore()?.watchCircuitBreaker(target, breaker);
}

/** Kysely's `log` option (store/db.ts): every statement's duration, by its first SQL keyword. */
export function observeQuery(event: LogEvent): void {
  const metrics = current.getStore();
  if (!metrics) return;
  const keyword = /^\s*([a-z]+)/i.exec(event.query.sql)?.[1]?.toLowerCase() ?? "other";
  const statement = STATEMENT_KINDS.has(keyword) ? keyword : "other";
  metrics.observeQuery(
    statement,
    event.level === "error" ? "error" : "ok",
    event.queryDurationMillis / 1000,
  );
}

const STATEMENT_KINDS = new Set(["select", "insert", "update", "delete", "with"]);
