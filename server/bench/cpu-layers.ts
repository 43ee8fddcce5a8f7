import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/*
 * A `--cpu-prof` profile of the bundled console (server/dist/*.mjs), its
 * samples attributed to the console's layers. The bundle starts each module
 * with a `// <path>` comment, so a frame's line names its source module. A
 * sample counts for the innermost frame that is the console's or a library's
 * code; Node's own frames under it (crypto, the HTTP client, Buffer) count for
 * that frame's layer — `createHmac` under sign.ts is signing. Samples with no
 * such frame are Node's own work (the HTTP parser, sockets, timers) or V8's
 * (GC, "(program)").
 */

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type LayerReport = {
  totalMs: number;
  idleMs: number;
  layers: [string, number][];
  modules: [string, number][];
  functions: [string, number][];
};

/** Module path (as the bundle names it) → layer. First match wins. */
const LAYERS: [RegExp, string][] = [
  [/@hono\/node-server/, "Hono Node adapter (@hono/node-server)"],
  [/hono\/dist\/middleware\/secure-headers/, "middleware: security headers (hono)"],
  [/hono\/dist\/(helper|utils)\/cookie/, "middleware: session (cookie parsing)"],
  [
    /@hono\/zod-openapi|@hono\/zod-validator|hono\/dist\/validator/,
    "validation (zod, via zod-openapi)",
  ],
  [/\/zod\//, "validation (zod, via zod-openapi)"],
  [/\/hono\/dist\//, "Hono core (router, context, compose)"],
  [/\/kysely\//, "Kysely (query building, compiling)"],
  [/node:sqlite/, "SQLite (node:sqlite, via store/db.ts)"],
  [/pino|sonic-boom|safe-stable-stringify|quick-format|thread-stream|atomic-sleep/, "pino logging"],
  [/server\/src\/logger\.ts/, "pino logging"],
  [/server\/src\/middleware\/request-logger/, "pino logging"],
  [/prom-client|bintrees|tdigest|server\/src\/metrics\//, "metrics (prom-client + ours)"],
  [/server\/src\/middleware\/session|server\/src\/auth\//, "middleware: session (lookup, SHA-256)"],
  [/server\/src\/middleware\//, "middleware: others (request id, CSRF, no-store, body, password)"],
  [/server\/src\/eko\/sign/, "crypto: Eko signature (HMAC)"],
  [/server\/src\/store\/sealed-box/, "crypto: AES-GCM seal"],
  [/server\/src\/eko\//, "Eko HTTP client (ours + node:http)"],
  [/server\/src\/store\/db\.ts/, "SQLite (node:sqlite, via store/db.ts)"],
  [/server\/src\/store\/rate-limiter/, "rate limits (store/rate-limiter.ts)"],
  [/server\/src\/store\//, "flow repository + audit (ours)"],
  [
    /server\/src\/flows\/|server\/src\/routes\/|server\/src\/contract\//,
    "flow service + route (ours)",
  ],
];

function layerOf(module: string): string {
  for (const [pattern, layer] of LAYERS) if (pattern.test(module)) return layer;
  return `other: ${module}`;
}

/** Line (0-based) → module path, from the bundle's `// path` comments. */
function moduleIndex(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  readFileSync(bundle, "utf8")
    .split("\n")
    .forEach((text, line) => {
      const match = /^\/\/ ((?:\.\.\/|server\/|node_modules\/|\\0).+\.(?:m?js|ts|cjs|json))$/.exec(
        text,
      );
      if (match?.[1]) starts.push({ line, module: match[1].replace(/^(\.\.\/)+main\//, "") });
    });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = "(bundle preamble)";
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = starts[mid];
      if (!start) break;
      if (start.line <= line) {
        found = start.module;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
}

const add = (map: Map<string, number>, key: string, ms: number) =>
  map.set(key, (map.get(key) ?? 0) + ms);
const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);

export function cpuLayers(profilePath: string, bundlePath: string): LayerReport {
  const profile = JSON.parse(readFileSync(profilePath, "utf8")) as CpuProfile;
  const bundleUrl = pathToFileURL(bundlePath).href;
  const moduleAt = moduleIndex(bundlePath);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  /** The module a frame belongs to, or null for Node/V8 frames. */
  const moduleOf = (frame: CallFrame): string | null => {
    if (frame.url === bundleUrl) return moduleAt(frame.lineNumber);
    if (frame.url.includes("/node_modules/")) return frame.url.replace(/^.*\/node_modules\//, "");
    return null;
  };
  const attribution = new Map<number, { module: string; fn: string }>();
  const attribute = (id: number) => {
    const cached = attribution.get(id);
    if (cached) return cached;
    const leaf = byId.get(id)?.callFrame;
    let result = { module: `(${leaf?.functionName || "anonymous"})`, fn: "" };
    if (leaf && ["(garbage collector)", "(program)", "(idle)"].includes(leaf.functionName)) {
      result = { module: leaf.functionName, fn: leaf.functionName };
    } else {
      let nodeId: number | undefined = id;
      let native = "";
      while (nodeId !== undefined) {
        const frame = byId.get(nodeId)?.callFrame;
        const module = frame ? moduleOf(frame) : null;
        if (frame && module) {
          result = { module, fn: `${frame.functionName || "(anonymous)"} ${module}${native}` };
          break;
        }
        if (frame && !native && frame.url)
          native = ` → ${frame.functionName || "?"} (${frame.url})`;
        nodeId = parent.get(nodeId);
      }
      if (!result.fn) {
        result = {
          module: "Node's own (HTTP parser, sockets, timers; no console frame)",
          fn: `${leaf?.functionName} ${leaf?.url}`,
        };
      }
    }
    attribution.set(id, result);
    return result;
  };

  const layers = new Map<string, number>();
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0) / 1000;
    const { module, fn } = attribute(id);
    if (module === "(idle)") {
      idleMs += ms;
      return;
    }
    totalMs += ms;
    const layer = module.startsWith("(") || module.startsWith("Node's") ? module : layerOf(module);
    add(layers, layer, ms);
    add(modules, module, ms);
    add(functions, fn, ms);
  });
  return {
    totalMs,
    idleMs,
    layers: sorted(layers),
    modules: sorted(modules),
    functions: sorted(functions),
  };
}

export function printLayers(report: LayerReport, top = 25): void {
  const pct = (ms: number) => `${((100 * ms) / report.totalMs).toFixed(1).padStart(5)} %`;
  console.log(`\nbusy ${report.totalMs.toFixed(0)} ms (idle ${report.idleMs.toFixed(0)} ms)`);
  console.log("\nby layer:");
  for (const [layer, ms] of report.layers) console.log(`  ${pct(ms)}  ${layer}`);
  console.log("\nby module:");
  for (const [module, ms] of report.modules.slice(0, top)) console.log(`  ${pct(ms)}  ${module}`);
  console.log("\nby function (innermost console/library frame → first Node frame under it):");
  for (const [fn, ms] of report.functions.slice(0, top)) console.log(`  ${pct(ms)}  ${fn}`);
}

if (import.meta.main) {
  const [profile, bundle = "server/dist/server.mjs"] = process.argv.slice(2);
  if (!profile) throw new Error("usage: cpu-layers.ts <file.cpuprofile> [bundle.mjs]");
  printLayers(cpuLayers(profile, bundle), 40);
}
