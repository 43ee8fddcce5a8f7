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
  metrics.observeQuery(
    statementKind(event.query.sql),
    event.level === "error" ? "error" : "ok",
    event.queryDurationMillis / 1000,
  );
}

const STATEMENT_KINDS = new Set(["select", "insert", "update", "delete", "with"]);

/** By SQL text: the app issues a few dozen distinct statements, each several times a request. */
const kindBySql = new Map<string, string>();
const MAX_KNOWN_STATEMENTS = 500;

function statementKind(sql: string): string {
  let kind = kindBySql.get(sql);
  if (kind === undefined) {
    const keyword = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? "other";
    kind = STATEMENT_KINDS.has(keyword) ? keyword : "other";
    if (kindBySql.size >= MAX_KNOWN_STATEMENTS) kindBySql.clear();
    kindBySql.set(sql, kind);
  }
  return kind;
}
