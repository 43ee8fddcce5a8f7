import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Plugin, rolldown } from "rolldown";

/**
 * `npm run build:server` (and `npm start` when server/src is newer than the
 * bundle): the production server as one ES module, server/dist/server.mjs,
 * with a source map beside it. Running it needs no TypeScript stripping (Node's
 * amaro, ≈17 MB) and loads one file instead of some 700 modules: less memory,
 * faster start. `npm run dev`, the CLIs and the tests still run server/src.
 *
 * Left out of the bundle, loaded from node_modules at run time: pg (and its
 * optional pg-native), imported only with DATABASE_URL. SQLite is Node's own
 * (`node:sqlite`).
 * pino is bundled: it needs its own files on disk only for worker-thread
 * transports (`transport:` in createLogger), which this server does not use;
 * adding one would mean marking pino external here.
 */
const root = path.resolve(import.meta.dirname, "../..");
export const SERVER_ENTRY = path.join(root, "server/src/index.ts");
export const SERVER_BUNDLE = path.join(root, "server/dist/server.mjs");

const external = [/^pg(\/|$)/, /^pg-native(\/|$)/];

/**
 * The source map covers server/src only. Node reads it only with
 * --enable-source-maps, which costs memory for as long as the process runs:
 * measured on the idle server, +60 MB with a map of every dependency, +13 MB
 * with this one (+6 MB with none). So `npm start` leaves it off; set
 * NODE_OPTIONS=--enable-source-maps to see server/src lines in stack traces.
 * Without it, frames name the function and a line of the (unminified) bundle,
 * where each module starts with a `// path` comment.
 */
function noDependencyMaps(): Plugin {
  return {
    name: "no-dependency-source-maps",
    load: {
      filter: { id: /[\\/]node_modules[\\/].*\.[cm]?js$/ },
      async handler(id) {
        return { code: await readFile(id, "utf8"), map: { mappings: "" } };
      },
    },
  };
}

export async function buildServer(): Promise<void> {
  const started = performance.now();
  const build = await rolldown({
    input: SERVER_ENTRY,
    platform: "node",
    external,
    logLevel: "warn",
    plugins: [noDependencyMaps()],
  });
  try {
    const { output } = await build.generate({
      format: "esm",
      file: SERVER_BUNDLE,
      // One file: a dynamic import of our own code stays lazy (its module body runs on import()).
      codeSplitting: false,
      sourcemap: true,
      // The map names the files in server/src; their text stays there.
      sourcemapExcludeSources: true,
      // Pure ASCII (non-ASCII escaped, doc comments dropped): V8 then keeps the bundle's
      // source as a one-byte string, 2.3 MB instead of 4.6 MB for as long as it runs.
      charset: "ascii",
      comments: { legal: false, jsdoc: false, annotation: true },
    });
    await mkdir(path.dirname(SERVER_BUNDLE), { recursive: true });
    // Map first, bundle last, each by rename: a server starting meanwhile (e2e starts
    // three at once) imports either the old bundle or the new one, never half of one.
    const files = [...output].sort(
      (a, b) => Number(a.type === "chunk") - Number(b.type === "chunk"),
    );
    for (const file of files) {
      const target = path.join(path.dirname(SERVER_BUNDLE), file.fileName);
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, file.type === "chunk" ? file.code : file.source);
      await rename(temporary, target);
    }
  } finally {
    await build.close();
  }
  const relative = path.relative(root, SERVER_BUNDLE);
  console.log(`Built ${relative} in ${Math.round(performance.now() - started)} ms`);
}

if (import.meta.main) await buildServer();
