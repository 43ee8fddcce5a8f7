import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createSandboxApp, type SandboxOptions } from "../sandbox/app.ts";
import { DEFAULT_SETTINGS } from "../sandbox/test-support.ts";

export type Served = { origin: string; close: () => Promise<void> };

/** Real HTTP on 127.0.0.1:0 (sockets, chunked bodies, resets), closed by the caller. */
export async function listen(fetch: Hono["fetch"]): Promise<Served> {
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  // Outlive fetch's own 4 s idle timeout, so a kept-alive socket is never closed
  // by the server just as the client reuses it ("other side closed").
  server.keepAliveTimeout = 60_000;
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The sandbox alone under /sandbox, like `npm run sandbox`; `baseUrl` is what EKO_BASE_URL takes. */
export async function serveSandbox(
  options: Partial<SandboxOptions> = {},
): Promise<Served & { baseUrl: string }> {
  const app = new Hono().route("/sandbox", createSandboxApp({ ...DEFAULT_SETTINGS, ...options }));
  const served = await listen(app.fetch);
  return { ...served, baseUrl: `${served.origin}/sandbox/ekoapi/v3` };
}

/** A loopback port nobody listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const served = await listen(new Hono().fetch);
  await served.close();
  return Number(new URL(served.origin).port);
}
