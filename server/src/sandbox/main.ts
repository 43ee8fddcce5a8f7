import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { loadEnv } from "../env.ts";
import { createSandboxApp } from "./app.ts";

/*
 * `npm run sandbox`: the Eko simulator alone, under /sandbox like in the
 * console, so EKO_BASE_URL=http://127.0.0.1:4010/sandbox/ekoapi/v3 works for
 * any client. Settings come from loadEnv() (SANDBOX_* variables); EKO_ENV is
 * taken as "sandbox" whatever it says, because this process *is* the sandbox.
 * It listens on SANDBOX_PORT (default 4010).
 */
const env = loadEnv({ ...process.env, EKO_ENV: "sandbox" });
const port = env.sandboxPort;
const settings = env.sandbox;
if (!settings) throw new Error("unreachable: EKO_ENV=sandbox always yields sandbox settings");

const app = new Hono().route(
  "/sandbox",
  createSandboxApp({
    ...settings,
    credentials: { developerKey: env.eko.developerKey, accessKey: env.eko.accessKey },
    initiatorIds: [env.eko.initiatorId],
  }),
);

serve({ fetch: app.fetch, port, hostname: env.host }, (info) => {
  const base = `http://${env.host}:${info.port}/sandbox`;
  console.log(
    `Eko sandbox on ${base}/ekoapi/v3 (outbox ${base}/outbox?mobile=…, initiator ${env.eko.initiatorId}, ` +
      `OTP ${settings.fixedOtp ? `fixed ${settings.fixedOtp}` : "random"}, scenarios ${settings.scenarios ? "on" : "off"}, dialect ${settings.dialect})`,
  );
});
