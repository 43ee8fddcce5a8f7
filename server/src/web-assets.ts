import { readFile } from "node:fs/promises";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";

export const WEB_DIST_DIR = path.resolve(import.meta.dirname, "../../web/dist");

/**
 * Serves the built SPA: hashed assets cached forever, everything else that is
 * not an API or sandbox path falls back to index.html so deep links such as
 * /flow/:id survive a refresh. index.html itself is never cached, so a deploy
 * takes effect on the next navigation.
 */
export function mountWebApp(app: Hono, distDir: string = WEB_DIST_DIR): void {
  const root = path.relative(process.cwd(), distDir) || ".";
  app.use(
    "/assets/*",
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable"),
    }),
  );
  app.use(
    "*",
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => c.header("Cache-Control", "no-cache"),
    }),
  );

  let indexHtml: Promise<string> | null = null;
  app.get("*", async (c) => {
    if (/^\/(api|sandbox)(\/|$)/.test(c.req.path)) return c.notFound();
    indexHtml ??= readFile(path.join(distDir, "index.html"), "utf8");
    c.header("Cache-Control", "no-cache");
    return c.html(await indexHtml);
  });
}
