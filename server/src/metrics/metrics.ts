import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { CircuitBreaker } from "../eko/circuit-breaker.ts";

/** Seconds: console requests and Eko calls run from ~1 ms (sandbox) to the 15 s Eko timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
/** Store statements: sub-millisecond on SQLite, a few ms on PostgreSQL, seconds only when stuck. */
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

/** The gauge's values, so an alert reads `eko_circuit_breaker_state == 2`. */
const BREAKER_STATE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * One app's metrics in their own Registry: tests build many apps in one
 * process, and prom-client's global registry would refuse a second metric of
 * the same name (and mix their counts). Nothing here is module state.
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const breakers = new Map<string, CircuitBreaker>();
  let processMetricsOn = false;

  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Console HTTP requests by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const ekoDuration = new Histogram({
    name: "eko_call_duration_seconds",
    help: "Calls to Eko by call name and outcome (Eko's response_type_id, or the transport failure code)",
    labelNames: ["call", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const flowOutcomes = new Counter({
    name: "flow_step_outcomes_total",
    help: "Flow steps by rail, step (the audit action) and where the step left the flow",
    labelNames: ["rail", "step", "outcome"] as const,
    registers,
  });
  const rateLimitRefusals = new Counter({
    name: "rate_limit_refusals_total",
    help: "Requests refused by an abuse limit, by limit",
    labelNames: ["limit"] as const,
    registers,
  });
  const storeQueryDuration = new Histogram({
    name: "store_query_duration_seconds",
    help: "Store statements by kind (select, insert, …) and result",
    labelNames: ["statement", "result"] as const,
    buckets: QUERY_BUCKETS,
    registers,
  });
  new Gauge({
    name: "eko_circuit_breaker_state",
    help: "Eko circuit breaker per base URL: 0 closed, 1 half-open (one trial call), 2 open (calls refused)",
    labelNames: ["target"] as const,
    registers,
    collect() {
      this.reset();
      for (const [target, breaker] of breakers) {
        this.set({ target }, BREAKER_STATE_VALUE[breaker.state()]);
      }
    },
  });

  return {
    registry,
    observeHttp(method: string, route: string, status: number, seconds: number) {
      httpDuration.observe({ method, route, status: String(status) }, seconds);
    },
    observeEkoCall(call: string, outcome: string, seconds: number) {
      ekoDuration.observe({ call, outcome }, seconds);
    },
    countFlowOutcome(rail: string, step: string, outcome: string) {
      flowOutcomes.inc({ rail, step, outcome });
    },
    countRateLimitRefusal(limit: string) {
      rateLimitRefusals.inc({ limit });
    },
    observeQuery(statement: string, result: "ok" | "error", seconds: number) {
      storeQueryDuration.observe({ statement, result }, seconds);
    },
    watchCircuitBreaker(target: string, breaker: CircuitBreaker) {
      breakers.set(target, breaker);
    },
    /** Prometheus text. Process metrics start at the first scrape, so an app never scraped (a test) starts no observers. */
    async render(): Promise<{ contentType: string; body: string }> {
      if (!processMetricsOn) {
        collectDefaultMetrics({ register: registry });
        processMetricsOn = true;
      }
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
