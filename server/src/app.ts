import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";
import type { Db } from "./store/db.ts";

export type AppDeps = {
  env: Env;
  db: Db;
  logger: Logger;
  /** Injected clock so tests can move time (OTP expiry, session idle timeout). */
  now?: () => Date;
};

/**
 * The console API. Routes are chained so `AppType` keeps every route's types
 * for the web's `hc<AppType>` client.
 */
export function createApi(_deps: AppDeps) {
  const api = new OpenAPIHono();
  // ROUTES: chained .route() calls for auth, flows, activity go here.
  return api;
}
export type AppType = ReturnType<typeof createApi>;

export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }, 200));
  const api = createApi(deps);
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Eko OTP agent console API", version: "1" },
  });
  app.route("/api", api);
  // SANDBOX: mounted at /sandbox when deps.env.sandbox is set.
  // STATIC: the built web app (web/dist) is served last.
  return app;
}
