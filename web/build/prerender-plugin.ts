import path from "node:path";
import { lingui } from "@lingui/vite-plugin";
import { type Plugin, runnerImport } from "vite";

type Screens = typeof import("../src/prerender.tsx");

const webDir = path.resolve(import.meta.dirname, "..");

/** The file served to a browser that holds a session cookie (server/src/web-assets.ts). */
export const appFrameHtml = "app-frame.html";

/** Puts `markup` into the page's empty `<div id="root"></div>`, marked with what it is. */
export function fillRoot(html: string, screen: "sign-in" | "app-frame", markup: string): string {
  const empty = '<div id="root"></div>';
  const at = html.indexOf(empty);
  if (at < 0 || html.indexOf(empty, at + 1) >= 0) {
    throw new Error(`prerender: index.html must contain exactly one ${empty}`);
  }
  const filled = `<div id="root" data-prerendered="${screen}">${markup}</div>`;
  return html.slice(0, at) + filled + html.slice(at + empty.length);
}

/**
 * The first screen in the HTML itself, so it paints with the HTML and CSS
 * instead of after React and the app chunk have downloaded and run (on slow
 * 4G that is seconds). At build time it renders web/src/prerender.tsx — the
 * real components and the English catalog — with react-dom/server and fills
 * #root of the built pages:
 * - index.html: the sign-in screen (inert, fields disabled) for signed-out agents;
 * - app-frame.html: header bar and spinner, for a browser with a session.
 * Runs in generateBundle, before any file is written, so the precompressed
 * .br/.gz copies (vite.config.ts) are made from the final HTML.
 */
export function prerenderFirstScreens(): Plugin {
  return {
    name: "prerender-first-screens",
    apply: "build",
    enforce: "post",
    async generateBundle(_options, bundle) {
      const page = bundle["index.html"];
      if (page?.type !== "asset") this.error("prerender: no index.html in the bundle");
      const { module: screens } = await runnerImport<Screens>(
        path.join(webDir, "src/prerender.tsx"),
        {
          root: webDir,
          logLevel: "warn",
          plugins: [lingui({ configPath: path.join(webDir, "lingui.config.ts") })],
        },
      );
      const html = String(page.source);
      page.source = fillRoot(html, "sign-in", screens.renderSignInScreen());
      this.emitFile({
        type: "asset",
        fileName: appFrameHtml,
        source: fillRoot(html, "app-frame", screens.renderAppFrame()),
      });
    },
  };
}
