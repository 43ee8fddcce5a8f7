import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { type AppDeps, createApp, createConsoleServices } from "./app.ts";
import { seedSandboxAgents } from "./auth/agents.ts";
import { type Env, loadEnv } from "./env.ts";
import { answerClientErrors } from "./http/client-error.ts";
import { limitServer } from "./http/server-limits.ts";
import { createLogger } from "./logger.ts";
import { openStore } from "./store/open-store.ts";

/**
 * The one place with side effects: read config, open the store, listen.
 * In sandbox mode the console's Eko client talks to the sandbox mounted on
 * this same port, over real HTTP, through the same signing path as for Eko —
 * unless EKO_BASE_URL names another one (`npm run sandbox`, shared by several
 * instances), which then wins and nothing is mounted here.
 */
async function main(): Promise<void> {
  const loaded = loadEnv();
  const logger = createLogger(loaded.logLevel);
  const inProcessSandbox = loaded.sandbox !== null && loaded.eko.baseUrl === null;
  // The Eko client reads the base URL per call: the in-process one is set once the port is known (PORT=0).
  const env: Env = { ...loaded, eko: { ...loaded.eko } };
  const db = await openStore(env);
  if (env.sandbox) await seedSandboxAgents(db, env);
  const deps: AppDeps = { env, db, logger, serveWebApp: true, mountSandbox: inProcessSandbox };
  const services = createConsoleServices(deps);
  const app = createApp({ ...deps, services });
  const maintenance = runMaintenance(services.maintenance, logger);

  const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
    env.eko.baseUrl ??= `http://127.0.0.1:${info.port}/sandbox/ekoapi/v3`;
    const store = env.database.kind === "postgres" ? "PostgreSQL" : `SQLite ${env.database.path}`;
    const mode = env.sandbox
      ? `sandbox${inProcessSandbox ? "" : ` at ${env.eko.baseUrl}`} (demo sign-in: demo / demo-password)`
      : `Eko ${env.eko.env}`;
    console.log(`Eko console on http://${info.address}:${info.port} — ${mode} — store: ${store}`);
  });
  limitServer(server as Server, env);

  answerClientErrors(server as Server, logger);

  // SIGTERM (deploys, `docker stop`): stop accepting, let in-flight requests
  // finish, then close the store. A second signal exits at once.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    clearInterval(maintenance);
    logger.info({ signal }, "draining");
    server.close(async () => {
      await db.destroy();
      logger.info("stopped");
      process.exit(0);
    });
    // close() drops only the connections idle at that moment; one that finishes its
    // in-flight answer afterwards would hold the exit until its keep-alive timeout.
    if ("closeIdleConnections" in server) {
      setInterval(() => server.closeIdleConnections(), 100).unref();
    }
    setTimeout(() => process.exit(1), 20_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/**
 * On start and every minute: writes a crash left in flight → status_unknown,
 * spent sealed secrets purged (flows/maintenance.ts; safe on several instances).
 */
function runMaintenance(
  maintenance: ReturnType<typeof createConsoleServices>["maintenance"],
  logger: ReturnType<typeof createLogger>,
): NodeJS.Timeout {
  let running = false;
  const once = async () => {
    if (running) return;
    running = true;
    try {
      const report = await maintenance.run();
      if (report.resolved || report.purged) logger.info(report, "flow maintenance");
    } catch (error) {
      logger.warn({ err: error }, "flow maintenance failed");
    } finally {
      running = false;
    }
  };
  void once();
  return setInterval(once, MAINTENANCE_INTERVAL_MS).unref();
}

const MAINTENANCE_INTERVAL_MS = 60_000;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
