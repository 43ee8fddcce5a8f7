import { I18nProvider } from "@lingui/react";
import { StrictMode } from "react";
import type { Root } from "react-dom/client";
import { getMe } from "../features/sign-in/api/get-me.ts";
import type { SignedIn } from "../features/sign-in/api/sign-in.ts";
import { isSignInReason } from "../features/sign-in/components/sign-in-reasons.ts";
import { isApiRequestError } from "../lib/api-error.ts";
import { activateLanguage, createI18n, storedLanguage, storeLanguage } from "../lib/i18n.ts";
import { safeReturnPath, signInRedirect } from "./session.ts";
import { SignInScreen } from "./sign-in-screen.tsx";

/** The rest of the app: router, query client, every other screen and its English. */
export const loadApp = () => import("./app.tsx");

/** The app, set up and rendered: a signed-in agent's path (main.tsx). */
export async function startApp(root: Root): Promise<void> {
  const { App, prepareApp } = await loadApp();
  const clients = await prepareApp();
  root.render(
    <StrictMode>
      <App clients={clients} />
    </StrictMode>,
  );
}

/**
 * A signed-out agent's path (main.tsx): the live sign-in screen as soon as
 * this first chunk has run — it needs Lingui and the first screen's catalog,
 * not the router, the query client or the other screens. Those download while
 * the agent types; signing in hands over to the app with the agent from the
 * sign-in answer, so no request follows it but the next screen's own.
 */
export async function startSignedOut(root: Root): Promise<void> {
  const i18n = createI18n();
  const language = storedLanguage();
  const [me] = await Promise.all([
    // Already under way: index.html preloads it.
    getMe().then(
      () => ({ error: null }),
      (error: unknown) => ({ error }),
    ),
    language === "en" ? null : activateLanguage(i18n, language).catch(() => undefined),
  ]);
  const { error } = me;
  if (!isApiRequestError(error) || error.status !== 401) {
    // Signed in after all, or the server could not be asked: the app knows what to do.
    return startApp(root);
  }
  const ended = error.details.reason;
  const target = signInRedirect(window.location, isSignInReason(ended) ? ended : null);
  if (target !== null) window.history.replaceState(null, "", target);
  const params = new URLSearchParams(window.location.search);
  const reason = params.get("reason");
  const returnTo = safeReturnPath(params.get("returnTo"));

  async function onSignedIn(signedIn: SignedIn) {
    const { agent } = signedIn;
    storeLanguage(agent.language);
    try {
      const [{ App, clientsAfterSignIn }] = await Promise.all([
        loadApp(),
        activateLanguage(i18n, agent.language).catch(() => undefined),
      ]);
      const clients = clientsAfterSignIn(i18n, signedIn);
      window.history.replaceState(null, "", returnTo);
      root.render(
        <StrictMode>
          <App clients={clients} />
        </StrictMode>,
      );
    } catch {
      // The app's code did not arrive: a page load, now with the session, fetches it afresh.
      window.location.assign(returnTo);
    }
  }

  root.render(
    <StrictMode>
      <I18nProvider i18n={i18n}>
        <SignInScreen reason={isSignInReason(reason) ? reason : null} onSignedIn={onSignedIn} />
      </I18nProvider>
    </StrictMode>,
  );
  // The rest of the app downloads while the agent types; onSignedIn awaits the same import.
  loadApp().catch(() => undefined);
}
