import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, expect, test } from "vitest";
import { openStore } from "../store/open-store.ts";
import { testApp, testEnv } from "../test-support/app.ts";
import { noStore } from "./no-store.ts";
import { requestId } from "./request-id.ts";
import { securityHeaders } from "./security-headers.ts";

/*
 * Served by Node, the fixed headers go on the Node response before the route
 * (node-response.ts); in-process, on Hono's response after it. Both paths
 * must answer the same headers.
 */

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

type FetchApp = { fetch: (request: Request, env?: unknown) => Response | Promise<Response> };

async function served(app: FetchApp): Promise<string> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await once(server, "listening");
  cleanup.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The headers that say something about us: the transport's own and the per-request id set aside. */
function fixedHeaders(response: Response): Record<string, string> {
  const transport = new Set(["date", "connection", "keep-alive", "content-length", "x-request-id"]);
  return Object.fromEntries(
    [...response.headers.entries()].filter(([name]) => !transport.has(name)).sort(),
  );
}

test("served by Node, every answer carries the same headers as in-process: data, errors, refusals", async () => {
  const db = await openStore({ database: { kind: "sqlite", path: ":memory:" } });
  cleanup.push(() => db.destroy());
  const { app } = testApp({ db, env: testEnv({}) });
  const base = await served(app);
  const requests: Array<[string, RequestInit]> = [
    ["/healthz", {}],
    ["/api/auth/me", {}],
    ["/api/no-such-route", {}],
    [
      "/api/auth/sign-in",
      { method: "POST", headers: { origin: "https://evil.example" }, body: "{}" },
    ],
  ];
  for (const [path, init] of requests) {
    const overNode = await fetch(`${base}${path}`, init);
    const inProcess = await app.request(path, init);
    expect(overNode.status).toBe(inProcess.status);
    expect(fixedHeaders(overNode)).toEqual(fixedHeaders(inProcess));
    expect(overNode.headers.get("x-frame-options")).toBe("DENY");
    expect(overNode.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    if (path.startsWith("/api")) expect(overNode.headers.get("cache-control")).toBe("no-store");
    if (overNode.status >= 400) {
      const body = (await overNode.json()) as { error: { requestId: string } };
      expect(body.error.requestId).toBe(overNode.headers.get("x-request-id"));
    }
  }
});

test("a route's own header of the same name wins, on both paths", async () => {
  const app = new Hono()
    .use("*", requestId(), securityHeaders({ publicOrigin: null }))
    .use("/api/*", noStore())
    .get("/api/audio", (c) =>
      c.body("x", 200, {
        "Cache-Control": "private, no-store",
        "X-Request-Id": "route-id",
        "Content-Type": "audio/wav",
      }),
    )
    .get("/api/plain", (c) => c.json({ ok: true }));
  const base = await served(app);
  for (const get of [(path: string) => fetch(`${base}${path}`), app.request]) {
    const own = await get("/api/audio");
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    expect(own.headers.get("x-request-id")).toBe("route-id");
    expect(own.headers.get("content-type")).toBe("audio/wav");
    expect(own.headers.get("referrer-policy")).toBe("no-referrer");
    const plain = await get("/api/plain");
    expect(plain.headers.get("cache-control")).toBe("no-store");
    expect(plain.headers.get("content-type")).toBe("application/json");
    expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
  }
});
