import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/chromium.ts";

const basePort = Number(process.env.E2E_PORT ?? 4173);
// The config is loaded again in each worker: keep the runner's directory.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "eko-console-e2e-"));
const dataDir = process.env.E2E_DATA_DIR;
const isRoot = process.getuid?.() === 0;

/**
 * One server per project, each with its own SQLite store and sandbox state, so
 * the desktop and 360 px runs of the same persona never meet in the sandbox
 * (its wrong-OTP count and lockout are per customer). The third server has
 * short timers (OTP lifetime, Eko timeout) for the expiry and "status unknown"
 * specs; the fourth runs the sandbox in Eko's published dialect
 * (published-dialect.spec.ts).
 */
export const servers = {
  desktop: { port: basePort, env: {} },
  mobile: { port: basePort + 1, env: {} },
  timers: {
    port: basePort + 2,
    env: {
      OTP_TTL_SECONDS: "4",
      SANDBOX_OTP_TTL_SECONDS: "4",
      OTP_RESEND_SECONDS: "2",
      SANDBOX_RESEND_INTERVAL_SECONDS: "2",
      // A `slow` sandbox fault of a few seconds then outlasts the console's Eko timeout.
      EKO_TIMEOUT_MS: "3000",
    },
  },
  // Eko's published dialect (server/src/sandbox/README.md): Levin C.5 / C.6 in the 1388 shapes,
  // Verify Sender OTP on the master path only.
  published: { port: basePort + 3, env: { SANDBOX_DIALECT: "published" } },
} as const;

const urlOf = (name: keyof typeof servers) => `http://127.0.0.1:${servers[name].port}`;

function webServer(name: keyof typeof servers) {
  const { port, env } = servers[name];
  return {
    // The e2e agent first (scripts/seed-agents.ts), on the store the server then opens.
    command: "node e2e/scripts/seed-agents.ts && node server/scripts/start.mjs",
    cwd: "..",
    url: `${urlOf(name)}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      EKO_ENV: "sandbox",
      // Keyed by port: server-store.ts finds a project's store from its baseURL.
      SQLITE_PATH: path.join(dataDir, String(port), "console.db"),
      LOG_LEVEL: "warn",
      // Short resend waits keep the resend specs fast; everything else is the production default.
      OTP_RESEND_SECONDS: "3",
      SANDBOX_RESEND_INTERVAL_SECONDS: "3",
      // A full run sends far more OTPs per persona and per agent than a shop does: no spec tests
      // the OTP limits here (server tests do, under bursts), so they are out of the way. The
      // sign-in limits stay the real ones: sign-in.spec.ts checks the lock.
      OTP_SENDS_PER_MOBILE: "10000",
      OTP_SENDS_PER_AGENT: "10000",
      OTP_WRONG_PER_MOBILE: "10000",
      ...env,
    },
  };
}

/** Specs that need the short-timers server; they run only in the `short-timers` project. */
const timersSpecs = /\.timers\.spec\.ts$/;
/** The spec for the published-dialect server; it runs only in the `published-dialect` project. */
const publishedSpecs = /published-dialect\.spec\.ts$/;

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  outputDir: "../test-results",
  // One worker: personas are shared, and two tests on one persona would replace
  // each other's OTPs (a resend invalidates the old reference).
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [["list"]]
    : [["list"], ["html", { open: "never", outputFolder: "../playwright-report" }]],
  use: {
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: [
        ...(isRoot ? ["--no-sandbox"] : []),
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      // Everything except the 360 px-only layout checks.
      name: "desktop",
      testIgnore: [timersSpecs, publishedSpecs],
      grepInvert: /@mobile-only/,
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        baseURL: urlOf("desktop"),
      },
    },
    {
      // The subset tagged @mobile (happy paths, axe on the main screens) and @mobile-only (layout).
      name: "mobile-360",
      testIgnore: [timersSpecs, publishedSpecs],
      grep: /@mobile/,
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 360, height: 740 },
        hasTouch: true,
        baseURL: urlOf("mobile"),
      },
    },
    {
      name: "short-timers",
      testMatch: timersSpecs,
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        baseURL: urlOf("timers"),
      },
    },
    {
      name: "published-dialect",
      testMatch: publishedSpecs,
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        baseURL: urlOf("published"),
      },
    },
  ],
  webServer: [
    webServer("desktop"),
    webServer("mobile"),
    webServer("timers"),
    webServer("published"),
  ],
});
