import { existsSync } from "node:fs";
import path from "node:path";
import { signatureHeaders } from "../src/eko/sign.ts";
import { UAT_CREDENTIALS } from "../src/env.ts";
import {
  freshMobile,
  type LoadResult,
  type LoadSlice,
  type RequestShape,
  runLoad,
  summarize,
} from "./load.ts";
import {
  BENCH_OTP_SENDS_PER_AGENT,
  flowStart,
  startBareProxy,
  startEqualWorkPeer,
} from "./peers.ts";
import {
  type Child,
  cpuSeconds,
  freePort,
  logTail,
  type NodeCommand,
  ROOT,
  rssMb,
  startCommand,
  startNode,
  stop,
  waitForHttp,
} from "./processes.ts";

/**
 * direct: a signed GET straight to the sandbox. proxy: the bare Express
 * signing proxy (the floor). peer: the equal-work Express service. console:
 * `POST /api/flows` on the console as `npm start` runs it.
 */
export const targets = ["direct", "proxy", "peer", "console"] as const;
export type Target = (typeof targets)[number];
export const targetLabels: Record<Target, string> = {
  direct: "direct",
  proxy: "bare Express proxy",
  peer: "equal-work Express",
  console: "console",
};

export type ProxyRun = {
  target: Target;
  connections: number;
  /**
   * CPU the answering server spent per answered request (sandbox for direct,
   * else the proxy, peer or console): less sensitive to other work on the machine than latency.
   */
  serverCpuMsPerRequest: number;
} & LoadResult;

export type ProxyPhase = {
  upstreamLatencyMs: number;
  /** How the console reached the standalone sandbox. */
  consoleMode: string;
  runs: ProxyRun[];
  consoleRssMb: RssMb;
  /** The equal-work peer's, sampled the same way. */
  peerRssMb: RssMb;
};

export type RssMb = { idle: number | null; endOfLoad: number | null; peak: number | null };

export type ProxyOptions = {
  /** Measured seconds per target and concurrency, split into `rounds` slices. */
  durationS: number;
  rounds: number;
  warmupS: number;
  connections: number[];
  logDir: string;
};

const SENDER_PATH = "/customer/payment/ppi-levin/sender";
const BENCH_AGENT = {
  login: "bench",
  password: "bench-password-0123",
  userCode: UAT_CREDENTIALS.userCode,
};

export type ConsoleHandle = {
  child: Child;
  origin: string;
  login: string;
  password: string;
  mode: string;
};

/**
 * The console as production runs it: EKO_ENV=uat with EKO_BASE_URL at the
 * standalone sandbox (UAT keys by default, no sandbox mounted in-process, an
 * agent created with the agent CLI). Without the CLI, sandbox mode with
 * EKO_BASE_URL set also calls the standalone sandbox (env.ts prefers
 * EKO_BASE_URL), but carries the mounted sandbox's memory.
 */
export async function startConsole(
  upstream: string,
  tag: string,
  logDir: string,
  /** Another build or extra node flags (console-ab.ts: A/B of bundles, --cpu-prof); default `npm start`'s. */
  command: NodeCommand = startCommand(),
): Promise<ConsoleHandle> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const cli = path.join(ROOT, "server/src/cli/agent.ts");
  const useUat = existsSync(cli) && process.env.BENCH_CONSOLE_MODE !== "sandbox";
  const env: Record<string, string> = {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    SQLITE_PATH: path.join(logDir, `console-${tag}.db`),
    EKO_ENV: useUat ? "uat" : "sandbox",
    EKO_BASE_URL: upstream,
    SANDBOX_RESEND_INTERVAL_SECONDS: "0",
    // The bench's 64 clients all connect from 127.0.0.1: no per-address connection cap.
    MAX_CONNECTIONS_PER_IP: "0",
    OTP_SENDS_PER_AGENT: BENCH_OTP_SENDS_PER_AGENT,
  };
  if (useUat) await addBenchAgent(env, logDir);
  // As `npm start` runs it (flags included); start.mjs rebuilds the web app and server bundle first if they are stale.
  const child = startNode(`console-${tag}`, command, env, logDir);
  await waitForHttp(`${origin}/healthz`, child, { timeoutMs: 180_000 });
  return useUat
    ? { child, origin, ...BENCH_AGENT, mode: "EKO_ENV=uat + EKO_BASE_URL (agent from the CLI)" }
    : {
        child,
        origin,
        login: "demo",
        password: "demo-password",
        mode: "EKO_ENV=sandbox + EKO_BASE_URL",
      };
}

async function addBenchAgent(env: Record<string, string>, logDir: string): Promise<void> {
  const args = ["add", "--login", BENCH_AGENT.login, "--name", "Bench Agent"];
  args.push("--user-code", BENCH_AGENT.userCode, "--password", BENCH_AGENT.password);
  const child = startNode("agent-cli", { script: "server/src/cli/agent.ts", args }, env, logDir);
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 30_000);
    child.process.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) throw new Error(`agent CLI failed (${code}):\n${logTail(child)}`);
}

export async function signIn(handle: ConsoleHandle): Promise<string> {
  const response = await fetch(`${handle.origin}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: handle.origin },
    body: JSON.stringify({ login: handle.login, password: handle.password }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${text}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function directRequest(): RequestShape {
  const query = `initiator_id=${UAT_CREDENTIALS.initiatorId}&user_code=${UAT_CREDENTIALS.userCode}`;
  return {
    method: "GET",
    path: `/sandbox/ekoapi/v3${SENDER_PATH}/${freshMobile()}?${query}`,
    headers: { ...signatureHeaders(UAT_CREDENTIALS), accept: "application/json" },
  };
}

/** One request by fetch before the load: the right status and the 308 / onboard answer, or stop. */
async function preflight(name: Target, origin: string, shape: RequestShape, expect: number) {
  const response = await fetch(`${origin}${shape.path}`, {
    method: shape.method,
    headers: shape.headers,
    body: shape.body ?? null,
  });
  const text = await response.text();
  const looksRight =
    name === "console" || name === "peer"
      ? /"step":\{"kind":"onboard"/.test(text)
      : /"response_type_id":\s*308\b/.test(text);
  if (response.status !== expect || !looksRight) {
    throw new Error(`${name} preflight: HTTP ${response.status} ${text.slice(0, 300)}`);
  }
}

export async function runProxyPhase(latencyMs: number, options: ProxyOptions): Promise<ProxyPhase> {
  const tag = `${latencyMs}ms`;
  const sandboxPort = await freePort();
  const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
  const upstream = `${sandboxOrigin}/sandbox/ekoapi/v3`;
  const children: Child[] = [];
  try {
    const sandbox = startNode(
      `sandbox-${tag}`,
      "server/src/sandbox/main.ts",
      {
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_LATENCY_MS: String(latencyMs),
        SANDBOX_RESEND_INTERVAL_SECONDS: "0",
      },
      options.logDir,
    );
    children.push(sandbox);
    await waitForHttp(`${sandboxOrigin}/sandbox/outbox?mobile=7000000000`, sandbox, {
      anyStatus: true,
    });

    const consoleHandle = await startConsole(upstream, tag, options.logDir);
    children.push(consoleHandle.child);
    const proxy = await startBareProxy(upstream, tag, options.logDir);
    children.push(proxy.child);
    const peer = await startEqualWorkPeer(upstream, tag, options.logDir);
    children.push(peer.child);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const consolePid = consoleHandle.child.pid;
    const idleRss = (pid: number): RssMb => ({ idle: rssMb(pid), endOfLoad: null, peak: null });
    const rss = idleRss(consolePid);
    const peerRss = idleRss(peer.child.pid);

    const cookie = await signIn(consoleHandle);
    type Plan = { origin: string; expect: number; next: () => RequestShape; pid: number };
    const plan: Record<Target, Plan> = {
      direct: { origin: sandboxOrigin, expect: 200, next: directRequest, pid: sandbox.pid },
      proxy: { origin: proxy.origin, expect: 200, next: proxy.next, pid: proxy.child.pid },
      peer: { origin: peer.origin, expect: 201, next: peer.next, pid: peer.child.pid },
      console: {
        origin: consoleHandle.origin,
        expect: 201,
        next: flowStart(consoleHandle.origin, cookie),
        pid: consolePid,
      },
    };
    for (const target of targets) {
      const { origin, expect, next } = plan[target];
      await preflight(target, origin, next(), expect);
    }

    // Targets take turns in short slices (rotating who goes first), so a burst of
    // other work on the machine skews all four alike instead of one.
    const sampler = setInterval(() => {
      rss.peak = Math.max(rss.peak ?? 0, rssMb(consolePid) ?? 0);
      peerRss.peak = Math.max(peerRss.peak ?? 0, rssMb(peer.child.pid) ?? 0);
    }, 200);
    const runs: ProxyRun[] = [];
    try {
      for (const connections of options.connections) {
        const slices: Record<Target, LoadSlice[]> = {
          direct: [],
          proxy: [],
          peer: [],
          console: [],
        };
        const cpuS: Record<Target, number> = { direct: 0, proxy: 0, peer: 0, console: 0 };
        const load = async (target: Target, durationS: number) => {
          const { origin, expect, next, pid } = plan[target];
          const before = cpuSeconds(pid);
          const slice = await runLoad({
            origin,
            connections,
            durationS,
            expectStatus: expect,
            next,
          });
          cpuS[target] += cpuSeconds(pid) - before;
          return slice;
        };
        for (const target of targets) await load(target, options.warmupS);
        for (const target of targets) cpuS[target] = 0;
        for (let round = 0; round < options.rounds; round++) {
          for (let turn = 0; turn < targets.length; turn++) {
            const target = targets[(round + turn) % targets.length] ?? "direct";
            slices[target].push(await load(target, options.durationS / options.rounds));
            if (target === "console") rss.endOfLoad = rssMb(consolePid);
            if (target === "peer") peerRss.endOfLoad = rssMb(peer.child.pid);
          }
        }
        for (const target of targets) {
          const result = summarize(connections, slices[target]);
          const serverCpuMsPerRequest =
            (cpuS[target] * 1000) / Math.max(1, result.ok + result.failed);
          runs.push({ target, ...result, serverCpuMsPerRequest });
          console.log(
            `  ${tag.padStart(5)} c=${String(connections).padStart(2)} ${targetLabels[target].padEnd(18)} ` +
              `p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  ` +
              `${result.rps.toFixed(0)} req/s  server CPU ${serverCpuMsPerRequest.toFixed(3)} ms/req  ` +
              `(${result.ok} ok, ${result.failed} failed)`,
          );
        }
      }
    } finally {
      clearInterval(sampler);
    }
    return {
      upstreamLatencyMs: latencyMs,
      consoleMode: consoleHandle.mode,
      runs,
      consoleRssMb: rss,
      peerRssMb: peerRss,
    };
  } finally {
    // Callers first, the sandbox last: a sandbox stopped under in-flight calls would log
    // resets in the console that are the teardown's, not the load's.
    for (const child of children.reverse()) await stop(child);
  }
}
