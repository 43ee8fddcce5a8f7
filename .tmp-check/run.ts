import { serve } from "@hono/node-server";
import { createApp } from "../server/src/app.ts";
import { seedSandboxAgents } from "../server/src/auth/agents.ts";
import { loadEnv } from "../server/src/env.ts";
import { createLogger } from "../server/src/logger.ts";
import { createSandboxApp } from "../server/src/sandbox/app.ts";
import { openStore } from "../server/src/store/open-store.ts";
import { mountWebApp } from "../server/src/web-assets.ts";

const port = 3917;
const loaded = loadEnv({ PORT: String(port), SQLITE_PATH: "/tmp/webcheck/console.db", LOG_LEVEL: "warn", OTP_RESEND_SECONDS: "5", SANDBOX_RESEND_INTERVAL_SECONDS: "5" });
const env = { ...loaded, eko: { ...loaded.eko, baseUrl: `http://127.0.0.1:${port}/sandbox/ekoapi/v3` } };
const db = await openStore(env);
await seedSandboxAgents(db, env);
const app = createApp({ env, db, logger: createLogger("warn") });
if (env.sandbox) app.route("/sandbox", createSandboxApp({ ...env.sandbox }));
mountWebApp(app);
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => console.log("up"));
