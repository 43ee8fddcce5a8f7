import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, Hono } from "hono";
import { hasSessionCookie } from "./auth/sessions.ts";

export const WEB_DIST_DIR = path.resolve(import.meta.dirname, "../../web/dist");

/**
 * The two builds of the SPA's page (web/build/prerender-plugin.ts), the same
 * but for what #root shows before the JavaScript has run.
 */
export const WEB_PAGES = {
  /** The sign-in screen. */
  signedOut: "index.html",
  /** Header bar and spinner. */
  appFrame: "app-frame.html",
} as const;

/**
 * Which first screen a page request gets. Without a session cookie the app
 * will show sign-in, so the HTML already does — and paints it before any
 * script arrives. With one, the agent is probably signed in: a sign-in form,
 * even for a moment, would be wrong, so the frame. A navigation from another
 * site carries no SameSite=Strict cookie whatever the session, so it gets the
 * frame too (Sec-Fetch-Site; older browsers send none and get sign-in).
 */
export function pageFor(c: Context): string {
  if (hasSessionCookie(c) || c.req.header("Sec-Fetch-Site") === "cross-site") {
    return WEB_PAGES.appFrame;
  }
  return WEB_PAGES.signedOut;
}

/**
 * Serves the built SPA: hashed assets cached forever, everything else that is
 * not an API or sandbox path gets the page (`pageFor`) so deep links such as
 * /flow/:id survive a refresh. The page itself is never cached, so a deploy
 * takes effect on the next navigation; it varies with the cookie.
 */
export function mountWebApp(app: Hono, distDir: string = WEB_DIST_DIR): void {
  const root = path.relative(process.cwd(), distDir) || ".";
  // Source maps may sit in web/dist (vite.config.ts makes hidden ones); they would hand
  // anyone the full source, comments included, so they are never served.
  app.get("/assets/*", async (c, next) => {
    if (/\.map$/i.test(c.req.path)) return c.notFound();
    await next();
  });
  app.use(
    "/assets/*",
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable"),
    }),
  );

  const page = (file: string) => serveStatic({ root, path: file, precompressed: true });
  const signedOutPage = page(WEB_PAGES.signedOut);
  const appFramePage = page(WEB_PAGES.appFrame);
  app.get("*", async (c, next) => {
    if (/^\/(api|sandbox)(\/|$)/.test(c.req.path)) return c.notFound();
    // Before serveStatic builds the response (it adds Accept-Encoding to Vary).
    c.header("Cache-Control", "no-cache");
    c.header("Vary", "Cookie, Sec-Fetch-Site");
    if (pageFor(c) === WEB_PAGES.appFrame) {
      const framed = await appFramePage(c, async () => undefined);
      if (framed) return framed;
      // Not there: a build from before the frame page existed; it has only index.html.
    }
    return signedOutPage(c, next);
  });
}
