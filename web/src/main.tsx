import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppFrame } from "./app/app-frame.tsx";
import { startApp, startSignedOut } from "./app/first-screen.tsx";
import { storedLanguage } from "./lib/language-storage.ts";
import "./styles.css";

// The first download is React (~67 KB gzip of the 80 KB budget) and the live
// sign-in screen: Lingui, the first screen's English (locales/en/first-screen.po),
// the form and its API calls — what a signed-out agent needs before they can
// type. The rest of the app (router, react-query, the other screens and their
// English) is the next chunk. index.html preloads GET /api/auth/me, so the
// session check runs while the JS downloads instead of after it.
//
// Until then the page shows what the build pre-rendered into #root
// (web/build/prerender-plugin.ts), one file or the other as the server picks
// per request (server/src/web-assets.ts):
// - data-prerendered="sign-in": the sign-in screen, sent when the browser holds
//   no session cookie, so it is what this agent will see. It paints with the
//   HTML and CSS, long before React arrives on a slow connection. Once this
//   chunk has run and `me` has answered 401, the live sign-in screen replaces
//   it (app/first-screen.tsx) while the app chunk downloads in the background.
// - data-prerendered="app-frame": header bar and spinner, for a browser with a
//   session — a signed-in agent reloading a flow never sees a sign-in form. The
//   app is rendered once it has the catalog and the session.
// - nothing: `npm run dev`; the app shows its own /sign-in route.
//
// createRoot, not hydrateRoot: the pre-render is one fixed screen (English, at
// /sign-in, no "signed out after inactivity" notice), while the live first
// screen depends on this device's language, the URL and the session, so
// hydration would often not match — React would discard the markup and report
// errors. createRoot keeps the pre-rendered DOM until its first commit, and the
// live screen is rendered only once it has the catalog and the session, so the
// static screen is swapped in one step for the live one (no spinner in
// between). A Hindi user sees the English pre-render until then; the Hindi
// catalog's download starts here, alongside the session check, to keep that short.
// The static copy is inert and its fields disabled (SignInScreen `prerendered`):
// nothing can be typed into it and then lost in the swap.
const root = document.getElementById("root");
if (root) {
  const reactRoot = createRoot(root);
  if (storedLanguage() === "hi") {
    // Only warms the module cache; lib/i18n.ts imports it and handles failure.
    import("./locales/hi/catalog.ts").catch(() => undefined);
  }
  if (root.dataset.prerendered === "sign-in") {
    void startSignedOut(reactRoot);
  } else {
    reactRoot.render(
      <StrictMode>
        <AppFrame />
      </StrictMode>,
    );
    void startApp(reactRoot);
  }
}
