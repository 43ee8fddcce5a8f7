import type { Server } from "node:http";
import express, { type Request, type Response } from "express";
import { createProxyMiddleware } from "http-proxy-middleware";
import { signatureHeaders } from "../src/eko/sign.ts";
import { UAT_CREDENTIALS } from "../src/env.ts";

/**
 * The peer baseline: what a team would build instead of the console — one
 * Express route that signs and forwards Get Sender (Levin, eko-api.md §10
 * C.1) with http-proxy-middleware. No session, validation, audit or store,
 * so it is the floor for "sign and forward" in Node.
 *
 * `upstream` is the Eko base URL, e.g. http://127.0.0.1:4010/sandbox/ekoapi/v3.
 */
export function createBaselineApp(upstream: string) {
  const query = new URLSearchParams({
    initiator_id: UAT_CREDENTIALS.initiatorId,
    user_code: UAT_CREDENTIALS.userCode,
  });
  const app = express();
  app.disable("x-powered-by");
  app.get(
    "/api/levin/sender/:mobile",
    createProxyMiddleware<Request, Response>({
      target: upstream,
      changeOrigin: true,
      pathRewrite: (_path, req) =>
        `/customer/payment/ppi-levin/sender/${encodeURIComponent(String(req.params.mobile))}?${query}`,
      on: {
        proxyReq: (proxyReq) => {
          for (const [name, value] of Object.entries(signatureHeaders(UAT_CREDENTIALS))) {
            proxyReq.setHeader(name, value);
          }
        },
      },
    }),
  );
  return app;
}

if (import.meta.main) {
  const port = Number(process.env.BASELINE_PORT ?? 4020);
  const upstream = process.env.BASELINE_UPSTREAM ?? "http://127.0.0.1:4010/sandbox/ekoapi/v3";
  const server: Server = createBaselineApp(upstream).listen(port, "127.0.0.1", () => {
    console.log(`express baseline on http://127.0.0.1:${port} → ${upstream}`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
