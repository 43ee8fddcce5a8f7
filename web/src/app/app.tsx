import type { I18n } from "@lingui/core";
import type { QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Router } from "wouter";
import { navigate } from "wouter/use-browser-location";
import { getMeQueryOptions } from "../features/sign-in/api/get-me.ts";
import { seedSignedIn } from "../features/sign-in/api/seed-signed-in.ts";
import type { SignedIn } from "../features/sign-in/api/sign-in.ts";
import { isSignInReason } from "../features/sign-in/components/sign-in-reasons.ts";
import type { ApiRequestError } from "../lib/api-error.ts";
import { completeEnglish, createAppI18n } from "../lib/app-i18n.ts";
import { useGuardedLocation } from "../lib/guarded-location.ts";
import { activateLanguage, currentLanguage, storedLanguage } from "../lib/i18n.ts";
import { createQueryClient } from "../lib/query-client.ts";
import { AppFrame } from "./app-frame.tsx";
import { AppProviders } from "./providers.tsx";
import { AppRouter } from "./router.tsx";
import { signInRedirect } from "./session.ts";

export type AppClients = { i18n: I18n; queryClient: QueryClient };

/**
 * Any 401 from the API: the session is gone (idle timeout, signed out in
 * another tab). Go to sign-in with the current path, so the agent lands back
 * on the same customer after signing in.
 */
export function handleUnauthenticated(queryClient: QueryClient, error: ApiRequestError): void {
  const reason = error.details.reason ?? null;
  const hadSession = queryClient.getQueryData(getMeQueryOptions().queryKey) !== undefined;
  // A session that simply ended while in use reads as an idle timeout to the agent.
  const shown = isSignInReason(reason) ? reason : hadSession ? "idle-timeout" : null;
  const target = signInRedirect(window.location, shown);
  if (target === null) return;
  navigate(target, { replace: true });
  // Customer data must not stay in memory once the session is gone.
  queryClient.removeQueries();
}

function createAppQueryClient(): QueryClient {
  const queryClient = createQueryClient({
    onUnauthenticated: (error) => handleUnauthenticated(queryClient, error),
  });
  return queryClient;
}

/**
 * Everything the first render needs, so that it is the final screen and not a
 * spinner on its way there: this device's language (Hindi: its catalog), and
 * the session — GET /api/auth/me, already under way from index.html's preload.
 * A 401 moves the browser to /sign-in (lib/query-client.ts → handleUnauthenticated);
 * a signed-in agent's first render is their page with its data. Neither fails:
 * a network error is shown by the screen that needs `me`.
 */
export async function prepareApp(): Promise<AppClients> {
  const clients = { i18n: createAppI18n(), queryClient: createAppQueryClient() };
  const language = storedLanguage();
  await Promise.all([
    language === "en" ? null : activateLanguage(clients.i18n, language).catch(() => undefined),
    clients.queryClient.fetchQuery(getMeQueryOptions()).catch(() => undefined),
  ]);
  return clients;
}

/**
 * The app after the first screen's own sign-in (app/first-screen.tsx): that
 * screen's Lingui instance, completed with the app's English, and the agent
 * from the sign-in answer in the cache — no second request for `me`.
 */
export function clientsAfterSignIn(i18n: I18n, signedIn: SignedIn): AppClients {
  completeEnglish(i18n);
  const queryClient = createAppQueryClient();
  seedSignedIn(queryClient, signedIn);
  return { i18n, queryClient };
}

/** The app, once `prepareApp` or `clientsAfterSignIn` has set it up (main.tsx). */
export function App({ clients }: { clients: AppClients }) {
  const { i18n, queryClient } = clients;
  // Hindi chosen on this device: wait for its catalog rather than flash English.
  const [ready, setReady] = useState(() => currentLanguage(i18n) === storedLanguage());

  useEffect(() => {
    if (ready) return;
    activateLanguage(i18n, storedLanguage()).finally(() => setReady(true));
  }, [i18n, ready]);

  if (!ready) return <AppFrame />;
  return (
    <AppProviders i18n={i18n} queryClient={queryClient}>
      <Router hook={useGuardedLocation}>
        <AppRouter />
      </Router>
    </AppProviders>
  );
}
