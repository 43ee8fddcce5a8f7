import { randomBytes } from "node:crypto";
import path from "node:path";
import { rolldown } from "rolldown";
import { openStore } from "../src/store/open-store.ts";
import { freshMobile, type RequestShape } from "./load.ts";
import { type Child, freePort, ROOT, startCommand, startNode, waitForHttp } from "./processes.ts";

/*
 * The two Express services the console is measured against, each started by
 * the bench on loopback: the bare signing proxy (express-baseline.ts, the
 * floor: no session, validation, store or audit) and the equal-work peer
 * (express-equal-work.ts: the console's "start a flow" step, same work).
 */

export type Peer = { child: Child; origin: string; next: () => RequestShape };

/**
 * The per-agent OTP-send ceiling for the console and the equal-work peer. One
 * agent with 64 lookups in flight holds 64 send slots at once (reserve, then
 * act; each given back after the 308): above the default 60, ≈ 5 % of the
 * requests were answered 429 — cheaper, and not the step measured. The slots
 * are still reserved and given back on every request; only the ceiling is
 * out of the bench's reach.
 */
export const BENCH_OTP_SENDS_PER_AGENT = "100000";

export async function startBareProxy(upstream: string, tag: string, logDir: string): Promise<Peer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = startNode(
    `express-proxy-${tag}`,
    "server/bench/express-baseline.ts",
    { BASELINE_PORT: String(port), BASELINE_UPSTREAM: upstream },
    logDir,
  );
  await waitForHttp(`${origin}/`, child, { anyStatus: true });
  return {
    child,
    origin,
    next: () => ({ method: "GET", path: `/api/levin/sender/${freshMobile()}`, headers: {} }),
  };
}

/**
 * The peer as its team would ship it, like the console: one bundled ES module
 * (no TypeScript stripping at run time, ≈ 17 MB of RSS), run with the same node
 * flags as `npm start`, so the two differ only in their code.
 */
async function bundlePeer(logDir: string): Promise<string> {
  const file = path.join(logDir, "express-equal-work.mjs");
  const build = await rolldown({
    input: path.join(ROOT, "server/bench/express-equal-work.ts"),
    platform: "node",
    logLevel: "warn",
  });
  try {
    await build.write({ format: "esm", file, codeSplitting: false, charset: "ascii" });
  } finally {
    await build.close();
  }
  return file;
}

/**
 * Its own SQLite file in the bench's log folder, a fresh state key, and one
 * agent with a live session the bench creates (the peer has no sign-in route:
 * sign-in is not the measured step).
 */
export async function startEqualWorkPeer(
  upstream: string,
  tag: string,
  logDir: string,
): Promise<Peer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const sessionId = randomBytes(32).toString("base64url");
  const bundle = await bundlePeer(logDir);
  const dbPath = path.join(logDir, `express-peer-${tag}.db`);
  // The console's schema, from its own migrations: the same tables, indexes and audit triggers.
  await (await openStore({ database: { kind: "sqlite", path: dbPath } })).destroy();
  const child = startNode(
    `express-peer-${tag}`,
    { script: path.relative(ROOT, bundle), nodeArgs: startCommand().nodeArgs },
    {
      PEER_PORT: String(port),
      PEER_UPSTREAM: upstream,
      PEER_SQLITE_PATH: dbPath,
      OTP_SENDS_PER_AGENT: BENCH_OTP_SENDS_PER_AGENT,
      PEER_SESSION_ID: sessionId,
      PEER_STATE_KEY: randomBytes(32).toString("base64"),
    },
    logDir,
  );
  await waitForHttp(`${origin}/`, child, { anyStatus: true });
  return { child, origin, next: flowStart(origin, `eko_session=${sessionId}`) };
}

/** The console's measured request, also sent to the equal-work peer: same route, body, cookie, Origin. */
export function flowStart(origin: string, cookie: string): () => RequestShape {
  return () => ({
    method: "POST",
    path: "/api/flows",
    headers: { cookie, origin, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ rail: "levin", mobile: freshMobile() }),
  });
}
