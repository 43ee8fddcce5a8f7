import { I18nProvider } from "@lingui/react";
import { renderToString } from "react-dom/server";
import { AppFrame } from "./app/app-frame.tsx";
import { SignInScreen } from "./app/sign-in-screen.tsx";
import { createI18n } from "./lib/i18n.ts";

/**
 * The first screens as static HTML, rendered at build time from the app's own
 * components and English catalog (web/build/prerender-plugin.ts puts them into
 * index.html; main.tsx explains how the app takes over).
 */

/** What a signed-out agent sees first: the sign-in screen, inert until the live one replaces it. */
export function renderSignInScreen(): string {
  return renderToString(
    <I18nProvider i18n={createI18n()}>
      <SignInScreen reason={null} onSignedIn={() => undefined} prerendered />
    </I18nProvider>,
  );
}

/** What a signed-in agent sees until their page is ready: header bar and spinner. */
export function renderAppFrame(): string {
  return renderToString(<AppFrame />);
}
