import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * `npm start`: build the web app if there is no build or the sources are
 * newer than it, then run the production server. A fresh clone therefore
 * needs nothing but `npm install && npm start`.
 */
const root = path.resolve(import.meta.dirname, "../..");
const builtIndex = path.join(root, "web/dist/index.html");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  const sources = [path.join(root, "web/src"), path.join(root, "server/src/contract")];
  return (
    sources.some((dir) => newestMtime(dir) > built) ||
    statSync(path.join(root, "web/index.html")).mtimeMs > built
  );
}

if (needsBuild()) {
  console.log("Building the web app…");
  const build = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await import("../src/index.ts");
