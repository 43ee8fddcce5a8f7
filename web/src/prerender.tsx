import { renderToString } from "react-dom/server";
import { Router } from "wouter";
import { AppFrame } from "./app/app-frame.tsx";
import { AppProviders } from "./app/providers.tsx";
import { SignInRoute } from "./app/routes/sign-in-route.tsx";
import { signInPath } from "./app/session.ts";
import { createI18n } from "./lib/i18n.ts";
import { createQueryClient } from "./lib/query-client.ts";

/**
 * The first screens as static HTML, rendered at build time from the app's own
 * components and English catalog (web/build/prerender-plugin.ts puts them into
 * index.html; main.tsx explains how the app takes over).
 */

/** What a signed-out agent sees first: the sign-in screen, inert until the app is loaded. */
export function renderSignInScreen(): string {
  const queryClient = createQueryClient({ onUnauthenticated: () => undefined });
  return renderToString(
    <AppProviders i18n={createI18n()} queryClient={queryClient}>
      <Router ssrPath={signInPath} ssrSearch="">
        <SignInRoute prerendered />
      </Router>
    </AppProviders>,
  );
}

/** What a signed-in agent sees until their page is ready: header bar and spinner. */
export function renderAppFrame(): string {
  return renderToString(<AppFrame />);
}
