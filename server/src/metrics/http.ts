import { createHash, timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { ApiProblem } from "../http/problem.ts";
import type { Metrics } from "./metrics.ts";
import { runWithMetrics } from "./scope.ts";

/**
 * Times every request by its route template (`/api/flows/:flowId/otp/verify`,
 * never the concrete path: one series per route, not per flow id) and makes
 * this app's Metrics current for everything the request runs.
 */
export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await runWithMetrics(metrics, next);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      metrics.observeHttp(c.req.method, routeTemplate(c), c.res.status, seconds);
    }
  };
}

/**
 * The template of the handler that answered. After the chain has run,
 * `routePath` names the last handler reached; when that is a wildcard
 * middleware, no route matched (a 404) — counted as one `unmatched` series
 * whatever path a scanner tries.
 */
function routeTemplate(c: Context): string {
  const route = c.req.routePath;
  return route.endsWith("*") && c.res.status === 404 ? "unmatched" : route;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Who may read /metrics: a client on this machine (the socket's peer is
 * loopback and no proxy header says it speaks for someone else: a TLS proxy
 * on the same host connects from 127.0.0.1 too), or anyone presenting
 * `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function mayReadMetrics(c: Context, token: string | null): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (token && presented) return sameSecret(presented.trim(), token);
  if (c.req.header("x-forwarded-for") || c.req.header("forwarded")) return false;
  try {
    return LOOPBACK.test(getConnInfo(c).remote.address ?? "");
  } catch {
    // In-process requests (app.request in tests) have no socket: not loopback.
    return false;
  }
}

/** Constant-time comparison of two strings of any length. */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function metricsHandler(metrics: Metrics, token: string | null) {
  return async (c: Context) => {
    if (!mayReadMetrics(c, token)) {
      throw new ApiProblem(
        "forbidden",
        "Metrics are served to loopback clients, or with Authorization: Bearer <METRICS_TOKEN>",
      );
    }
    const { contentType, body } = await metrics.render();
    return c.body(body, 200, { "Content-Type": contentType, "Cache-Control": "no-store" });
  };
}
