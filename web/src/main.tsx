import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppFrame } from "./app/app-frame.tsx";
import { storedLanguage } from "./lib/language-storage.ts";
import "./styles.css";

// React 19 alone is ~67 KB gzip of the 80 KB budget for the first download,
// so the app (router, react-query, Lingui, API client, start screen) is the
// next chunk. index.html preloads GET /api/auth/me, so the session check runs
// while that chunk downloads instead of after it.
//
// Until then the page shows what the build pre-rendered into #root
// (web/build/prerender-plugin.ts), one file or the other as the server picks
// per request (server/src/web-assets.ts):
// - data-prerendered="sign-in": the sign-in screen, sent when the browser holds
//   no session cookie, so it is what this agent will see. It paints with the
//   HTML and CSS, long before React arrives on a slow connection.
// - data-prerendered="app-frame": header bar and spinner, for a browser with a
//   session — a signed-in agent reloading a flow never sees a sign-in form.
// - nothing: `npm run dev`.
//
// createRoot, not hydrateRoot: the pre-render is one fixed screen (English, at
// /sign-in, no "signed out after inactivity" notice), while the live first
// screen depends on this device's language, the URL and the session, so
// hydration would often not match — React would discard the markup and report
// errors. createRoot keeps the pre-rendered DOM until its first commit, and the
// app is rendered only once `prepareApp` has the catalog and the session, so the
// static sign-in screen is swapped in one step for the live one (no spinner in
// between). A Hindi user sees the English pre-render until then; the Hindi
// catalog's download starts here, alongside the app chunk, to keep that short.
// The static copy is inert and its fields disabled (SignInRoute `prerendered`):
// nothing can be typed into it and then lost in the swap.
const root = document.getElementById("root");
if (root) {
  const reactRoot = createRoot(root);
  if (root.dataset.prerendered !== "sign-in") {
    reactRoot.render(
      <StrictMode>
        <AppFrame />
      </StrictMode>,
    );
  }
  if (storedLanguage() === "hi") {
    // Only warms the module cache; lib/i18n.ts imports it and handles failure.
    import("./locales/hi/messages.po").catch(() => undefined);
  }
  void import("./app/app.tsx").then(async ({ App, prepareApp }) => {
    const clients = await prepareApp();
    reactRoot.render(
      <StrictMode>
        <App clients={clients} />
      </StrictMode>,
    );
  });
}
