import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type Child = { name: string; pid: number; logPath: string; process: ChildProcess };

const running = new Set<Child>();

/**
 * Every child runs in its own process group so that a grandchild (the vite
 * or server build `start.mjs` may spawn) dies with it; `killChildrenOnExit` kills
 * whatever is left, even when the bench throws or is interrupted.
 */
function killGroup(child: Child, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function killAll(): void {
  for (const child of running) killGroup(child, "SIGKILL");
  running.clear();
}

/** Call once from the entry script: on any exit, no child outlives the bench. */
export function killChildrenOnExit(): void {
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** A free loopback port (the tiny race with another process is acceptable for a bench). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export type NodeCommand = { script: string; args?: string[]; nodeArgs?: string[] };

/**
 * How `npm start` runs the console: the node flags and script of package.json's
 * "start" (e.g. `node --max-semi-space-size=8 server/scripts/start.mjs`), so the
 * bench measures exactly what production runs, flags included.
 */
export function startCommand(): NodeCommand {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const [bin, ...words] = (pkg.scripts?.start ?? "").trim().split(/\s+/);
  const scriptIndex = words.findIndex((word) => !word.startsWith("-"));
  const script = words[scriptIndex];
  if (bin !== "node" || !script)
    throw new Error('package.json "start" is not `node [flags] <script>`');
  return { script, nodeArgs: words.slice(0, scriptIndex), args: words.slice(scriptIndex + 1) };
}

/** Runs `node <script>` with output to a log file, so a chatty logger never back-pressures a pipe. */
export function startNode(
  name: string,
  command: string | NodeCommand,
  env: Record<string, string>,
  logDir: string,
): Child {
  const {
    script,
    args = [],
    nodeArgs = [],
  } = typeof command === "string" ? { script: command } : command;
  const logPath = path.join(logDir, `${name}.log`);
  const fd = openSync(logPath, "a");
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const handle: Child = { name, pid: child.pid, logPath, process: child };
  running.add(handle);
  child.once("exit", () => running.delete(handle));
  return handle;
}

export function logTail(child: Child, lines = 20): string {
  try {
    return readFileSync(child.logPath, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stop(child: Child, graceMs = 3_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) {
    killGroup(child, "SIGKILL");
    return;
  }
  const exited = new Promise<void>((resolve) => child.process.once("exit", () => resolve()));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  killGroup(child, "SIGKILL"); // leftovers in the group, if any
  running.delete(child);
}

/**
 * Polls `url` until it answers (any HTTP status when `anyStatus`, else 200),
 * every `intervalMs`, for at most `timeoutMs`. Fails early if the child dies.
 */
export async function waitForHttp(
  url: string,
  child: Child,
  { timeoutMs = 30_000, intervalMs = 20, anyStatus = false } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`${child.name} exited with ${child.process.exitCode}:\n${logTail(child)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (anyStatus || response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${child.name} not ready at ${url} after ${timeoutMs} ms:\n${logTail(child)}`);
}

/** VmRSS of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux; clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the ")" that closes the command name: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
