import type { I18n } from "@lingui/core";
import type { QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { getMeQueryOptions } from "../features/sign-in/api/get-me.ts";
import { activateLanguage, createI18n, currentLanguage, storedLanguage } from "../lib/i18n.ts";
import { createQueryClient } from "../lib/query-client.ts";
import { AppFrame } from "./app-frame.tsx";
import { AppProviders } from "./providers.tsx";
import { AppRouter } from "./router.tsx";
import { handleUnauthenticated } from "./session.ts";

export type AppClients = { i18n: I18n; queryClient: QueryClient };

function createClients(): AppClients {
  const i18n = createI18n();
  const queryClient = createQueryClient({
    onUnauthenticated: (error) => handleUnauthenticated(queryClient, error),
  });
  return { i18n, queryClient };
}

/**
 * Everything the first render needs, so that it is the final screen and not a
 * spinner on its way there: this device's language (Hindi: its catalog), and
 * the session — GET /api/auth/me, already under way from index.html's preload.
 * A 401 moves the browser to /sign-in (lib/query-client.ts → session.ts), so
 * a signed-out agent's first render is the sign-in form, matching the screen
 * pre-rendered into index.html; a signed-in agent's is their page with its
 * data. Neither fails: a network error is shown by the screen that needs `me`.
 */
export async function prepareApp(): Promise<AppClients> {
  const clients = createClients();
  const language = storedLanguage();
  await Promise.all([
    language === "en" ? null : activateLanguage(clients.i18n, language).catch(() => undefined),
    clients.queryClient.fetchQuery(getMeQueryOptions()).catch(() => undefined),
  ]);
  return clients;
}

/** The app, once `prepareApp` has set it up (main.tsx). */
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
      <AppRouter />
    </AppProviders>
  );
}
