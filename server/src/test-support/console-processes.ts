import { type NodeProcess, startNode } from "./processes.ts";

/*
 * The real entry points as child processes, for the tests that need a process
 * boundary (several consoles on one store, SIGTERM, SIGKILL): a standalone
 * sandbox (`node server/src/sandbox/main.ts`), consoles
 * (`node server/src/index.ts`) pointed at it, and their HTTP API as a plain
 * client with a cookie. Everything else calls the app in-process.
 */

export type RunningProcess = { origin: string; process: NodeProcess };

/** `npm run sandbox` on a free port; resolves once it says where it listens. */
export async function startSandboxProcess(): Promise<RunningProcess> {
  const process = startNode("sandbox/main.ts", { SANDBOX_PORT: "0", HOST: "127.0.0.1" });
  const [, origin = ""] = await process.waitFor(/on (http:\/\/[\d.:]+)\/sandbox/);
  return { origin, process };
}

/** A console's environment against `sandbox`; `env` adds the store, the key and any override. */
export function consoleEnvironment(
  sandbox: RunningProcess,
  env: Record<string, string>,
): Record<string, string> {
  return {
    EKO_ENV: "sandbox",
    EKO_BASE_URL: `${sandbox.origin}/sandbox/ekoapi/v3`,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
    ...env,
  };
}

/** `node server/src/index.ts` on a free port; resolves once it has migrated, seeded and listens. */
export async function startConsoleProcess(env: Record<string, string>): Promise<RunningProcess> {
  const process = startNode("index.ts", env);
  const [, origin = ""] = await process.waitFor(/Eko console on (http:\/\/[\d.:]+)/);
  return { origin, process };
}

/**
 * One `/api` call as the browser makes it (same-origin `Origin`, the session
 * cookie): the status, the parsed body (whatever shape the route answers) and
 * the `name=value` of any Set-Cookie.
 */
export async function callApi(
  instance: RunningProcess,
  method: string,
  path: string,
  body?: unknown,
  cookie = "",
) {
  const response = await fetch(`${instance.origin}/api${path}`, {
    method,
    headers: {
      origin: instance.origin,
      cookie,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? JSON.parse(text) : null,
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
  };
}

/** The session cookie of a sign-in on `instance`. */
export async function signIn(instance: RunningProcess, login: string, password: string) {
  return (await callApi(instance, "POST", "/auth/sign-in", { login, password })).cookie;
}

/** A call to the sandbox's own control API (`/sandbox/outbox`, `/scenarios`, `/requests`). */
export async function sandboxJson<T>(
  sandbox: RunningProcess,
  path: string,
  init?: RequestInit,
): Promise<T> {
  return (await (await fetch(`${sandbox.origin}/sandbox${path}`, init)).json()) as T;
}

/** Queues a sandbox fault (e.g. a slow answer) for the next call about `mobile`. */
export async function queueSandboxFault(sandbox: RunningProcess, scenario: object) {
  await sandboxJson(sandbox, "/scenarios", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(scenario),
  });
}

/**
 * Waits until the sandbox has taken every queued fault: the slow call is then
 * under way inside the sandbox.
 */
export async function faultTaken(sandbox: RunningProcess): Promise<boolean> {
  for (let i = 0; i < 250; i++) {
    if ((await sandboxJson<unknown[]>(sandbox, "/scenarios")).length === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}
