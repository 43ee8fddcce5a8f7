import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** A `node <script>` child with its output kept, for tests that start the real entry points. */
export type NodeProcess = {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output so far or to come. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Exit code and signal, once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const started = new Set<ChildProcess>();

/** `relative` is from server/src (e.g. "index.ts"); the environment is exactly `env` plus PATH. */
export function startNode(relative: string, env: Record<string, string>): NodeProcess {
  const script = fileURLToPath(new URL(`../${relative}`, import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  let output = "";
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = once(child, "exit").then(([code, signal]) => {
    started.delete(child);
    for (const check of waiters) check();
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });

  const waitFor = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${relative}: no ${pattern} within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const check = () => {
        const match = output.match(pattern);
        const dead = child.exitCode !== null || child.signalCode !== null;
        if (!match && !dead) return;
        clearTimeout(timer);
        waiters.delete(check);
        if (match) resolve(match);
        else
          reject(new Error(`${relative} exited (${child.exitCode}) before ${pattern}:\n${output}`));
      };
      waiters.add(check);
      check();
    });

  return { child, output: () => output, waitFor, exited };
}

/**
 * Runs `node <script> args…` to completion (CLI tools), `stdin` piped in if
 * given; resolves with stdout and stderr together, rejects on a non-zero exit.
 */
export async function runNode(
  relative: string,
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<string> {
  const script = fileURLToPath(new URL(`../${relative}`, import.meta.url));
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  child.stdin?.end(stdin);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`${relative} ${args[0]} exited ${code}:\n${output}`);
  return output;
}

/** SIGKILLs every child started here that is still running (afterAll). */
export function killStarted(): void {
  for (const child of started) child.kill("SIGKILL");
  started.clear();
}
