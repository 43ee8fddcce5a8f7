import { spawn } from "node:child_process";
import path from "node:path";

/**
 * `npm run dev`: Vite with hot reload on PORT (default 3000) and the server,
 * restarted on change, on PORT + 1. vite.config.ts forwards /api, /sandbox
 * and /healthz to it, so the browser still sees one origin.
 */
const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.PORT ?? 3000);

const children = [
  spawn(process.execPath, ["--watch", path.join(root, "server/src/index.ts")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PORT: String(port + 1), NODE_ENV: "development" },
  }),
  spawn(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "--port", String(port), "--strictPort"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, PORT: String(port) },
    },
  ),
];

const stopAll = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);
for (const child of children) child.on("exit", (code) => code && process.exit(code));
