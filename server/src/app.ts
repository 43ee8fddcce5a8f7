import type { KeyObject } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { createEkoClient, type EkoClient } from "./eko/client.ts";
import type { Env } from "./env.ts";
import { createAbuseLimits } from "./flows/abuse-limits.ts";
import { createFlowService, type FlowService } from "./flows/flow-service.ts";
import { createFlowMaintenance, type FlowMaintenance } from "./flows/maintenance.ts";
import type { Logger } from "./logger.ts";
import { httpMetrics, metricsHandler } from "./metrics/http.ts";
import { createMetrics, type Metrics } from "./metrics/metrics.ts";
import type { AgentVariables } from "./middleware/agent-context.ts";
import { apiBodyDeadline } from "./middleware/body-deadline.ts";
import { apiBodyLimit } from "./middleware/body-limit.ts";
import { csrfProtection, sandboxCsrfProtection } from "./middleware/csrf.ts";
import { errorHandler, notFoundHandler, validationHook } from "./middleware/error-handler.ts";
import { noStore } from "./middleware/no-store.ts";
import { requirePasswordChanged } from "./middleware/password-change.ts";
import { requestId } from "./middleware/request-id.ts";
import { requestLogger } from "./middleware/request-logger.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { requireSession } from "./middleware/session.ts";
import { createActivityRoutes } from "./routes/activity.ts";
import { createAgentRoutes } from "./routes/agents.ts";
import { createAuthRoutes } from "./routes/auth.ts";
import { createFlowRoutes } from "./routes/flows.ts";
import { createPasswordRoutes } from "./routes/password.ts";
import { createSandboxApp } from "./sandbox/app.ts";
import type { Db } from "./store/db.ts";
import { createFlowRepository } from "./store/flow-repository.ts";
import { deriveMobileLookupSecret } from "./store/mobile-lookup.ts";
import { createRateLimiter } from "./store/rate-limiter.ts";
import { checkReadiness } from "./store/readiness.ts";
import { loadStateKey } from "./store/sealed-box.ts";
import { mountWebApp } from "./web-assets.ts";

export type AppDeps = {
  env: Env;
  db: Db;
  logger: Logger;
  /** Injected clock so tests can move time (OTP expiry, session idle timeout). */
  now?: () => Date;
  /** Serve the built SPA from web/dist (production start); tests leave it off. */
  serveWebApp?: boolean;
  /**
   * Mount the in-process sandbox at /sandbox (default: in sandbox mode). Off when
   * EKO_BASE_URL names another sandbox: a second, unused outbox here would mislead.
   */
  mountSandbox?: boolean;
  /** The sign-in password check; tests wrap it to count the hashes a burst reaches. */
  verifyPassword?: (password: string, encoded: string) => Promise<boolean>;
  /** This app's Prometheus registry; a fresh one by default (each app counts its own). */
  metrics?: Metrics;
  /** Defaults to a client for env.eko (base URL read per call). */
  eko?: EkoClient;
  /** Defaults to loadStateKey(env). */
  stateKey?: Buffer;
  /** Built by the caller when it also runs their maintenance (index.ts); else here. */
  services?: ConsoleServices;
};

export type ConsoleServices = {
  flows: FlowService;
  /** The activity search's key for mobile lookups: the one the flows write with. */
  mobileLookupSecret: () => KeyObject;
  /** Crash leftovers and spent secrets (run periodically by index.ts). */
  maintenance: FlowMaintenance;
};

/** The flow service on this store, Eko client, clock and limiter: built once per app. */
export function createConsoleServices(
  deps: Pick<AppDeps, "env" | "db" | "logger" | "now" | "eko" | "stateKey">,
): ConsoleServices {
  const now = deps.now ?? (() => new Date());
  const eko =
    deps.eko ??
    createEkoClient({
      baseUrl: () => deps.env.eko.baseUrl,
      developerKey: deps.env.eko.developerKey,
      accessKey: deps.env.eko.accessKey,
      initiatorId: deps.env.eko.initiatorId,
      timeoutMs: deps.env.eko.timeoutMs,
      logger: deps.logger,
      now: () => now().getTime(),
    });
  // One STATE_KEY for sealing and the mobile lookup keys. A configured one is checked now; a
  // generated one (SQLite) is only created on first use (store/sealed-box.ts).
  let stateKey = deps.stateKey ?? (deps.env.stateKey ? loadStateKey(deps.env) : null);
  const stateKeyOf = () => {
    stateKey ??= loadStateKey(deps.env);
    return stateKey;
  };
  let lookupSecret: KeyObject | undefined;
  const mobileLookupSecret = () => {
    lookupSecret ??= deriveMobileLookupSecret(stateKeyOf());
    return lookupSecret;
  };
  // An otp_ref_id is spent once its OTP expired; a wallet token outlives no agent session.
  const lifetimes = {
    otpRefSeconds: deps.env.otpPolicy.ttlSeconds,
    walletTokenSeconds: deps.env.session.absoluteSeconds,
  };
  const repo = createFlowRepository(deps.db, {
    stateKey: stateKeyOf,
    now,
    secretLifetimes: lifetimes,
  });
  const limits = createAbuseLimits(createRateLimiter(deps.db, now), deps.env.abuseLimits.otp);
  return {
    flows: createFlowService({ repo, eko, limits, now, env: deps.env }),
    mobileLookupSecret,
    maintenance: createFlowMaintenance({ repo, now, lifetimes }),
  };
}

/**
 * The console API. Routes are chained so `AppType` keeps every route's types
 * for the web's `hc<AppType>` client.
 */
export function createApi(deps: AppDeps, services: ConsoleServices = createConsoleServices(deps)) {
  const now = deps.now ?? (() => new Date());
  // validationHook: zod failures → 422 validation_failed (sub-apps inherit it).
  const api = new OpenAPIHono<{ Variables: AgentVariables }>({ defaultHook: validationHook });
  // ROUTES: chained .route() calls for auth, flows, activity go here.
  return api
    .route(
      "/auth",
      createAuthRoutes({
        ...deps,
        now,
        openFlows: (agentId) =>
          services.flows.openFlows(
            { id: agentId },
            { maxAgeMinutes: deps.env.openFlows.maxAgeMinutes },
          ),
      }),
    )
    .route("/flows", createFlowRoutes({ env: deps.env, flows: services.flows }))
    .route(
      "/",
      createActivityRoutes({ ...deps, now, mobileLookupSecret: services.mobileLookupSecret }),
    )
    .route("/auth/password", createPasswordRoutes({ ...deps, now }))
    .route("/admin/agents", createAgentRoutes({ ...deps, now }));
}
export type AppType = ReturnType<typeof createApi>;

/** Every route but this one needs a session. */
export const PUBLIC_API_ROUTES = ["POST /api/auth/sign-in"] as const;

export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const metrics = deps.metrics ?? createMetrics();
  const app = new Hono();
  // Order matters: metrics outermost (they time everything and make this app's
  // registry current for the request), then the request id (everything else
  // logs it), the logger around the rest so it sees the final status, headers
  // on every response.
  app.use(
    "*",
    httpMetrics(metrics),
    requestId(),
    requestLogger(deps.logger),
    securityHeaders(deps.env),
  );
  app.onError(errorHandler(deps.logger));
  app.notFound(notFoundHandler);
  // Liveness: the process answers. Readiness: it can also serve agents.
  app.get("/healthz", (c) => c.json({ status: "ok" }, 200));
  app.get("/readyz", async (c) => {
    c.header("Cache-Control", "no-store");
    const readiness = await checkReadiness(deps.db);
    if (readiness.ready) return c.json({ status: "ready" }, 200);
    const { reason, detail } = readiness;
    return c.json({ status: "not_ready", reason, ...(detail ? { detail } : {}) }, 503);
  });
  app.get("/metrics", metricsHandler(metrics, deps.env.metricsToken));
  // /api: never cached; size cap, body deadline, then Origin check, then session — all
  // before any route runs.
  app.use(
    "/api/*",
    noStore(),
    apiBodyLimit(),
    apiBodyDeadline(deps.env.connections.bodyTimeoutMs),
    csrfProtection(deps.env),
    requireSession({ db: deps.db, env: deps.env, now, publicRoutes: PUBLIC_API_ROUTES }),
    requirePasswordChanged,
  );
  const api = createApi(deps, deps.services ?? createConsoleServices(deps));
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Eko OTP agent console API", version: "1" },
  });
  app.route("/api", api);
  if (deps.env.sandbox && (deps.mountSandbox ?? true)) {
    // Same keys as the console's Eko client: the sandbox checks every
    // signature the way Eko does, so the gateway's real signing path is exercised.
    const sandbox = createSandboxApp({
      ...deps.env.sandbox,
      credentials: { developerKey: deps.env.eko.developerKey, accessKey: deps.env.eko.accessKey },
      initiatorIds: [deps.env.eko.initiatorId],
      // One clock for console and sandbox, so tests that move time move both.
      ...(deps.now ? { now: () => now().getTime() } : {}),
    });
    app.use("/sandbox/scenarios", sandboxCsrfProtection(deps.env));
    app.use("/sandbox/reset", sandboxCsrfProtection(deps.env));
    app.route("/sandbox", sandbox);
  }
  if (deps.serveWebApp) mountWebApp(app);
  return app;
}
