import { useEffect, useState } from "react";
import { activateLanguage, createI18n, storedLanguage } from "../lib/i18n.ts";
import { createQueryClient } from "../lib/query-client.ts";
import { AppFrame } from "./app-frame.tsx";
import { AppProviders } from "./providers.tsx";
import { AppRouter } from "./router.tsx";
import { handleUnauthenticated } from "./session.ts";

function createClients() {
  const i18n = createI18n();
  const queryClient = createQueryClient({
    onUnauthenticated: (error) => handleUnauthenticated(queryClient, error),
  });
  return { i18n, queryClient };
}

export function App() {
  const [{ i18n, queryClient }] = useState(createClients);
  // Hindi chosen on this device: wait for its catalog rather than flash English.
  const [ready, setReady] = useState(() => storedLanguage() === "en");

  useEffect(() => {
    const language = storedLanguage();
    if (language === "en") return;
    activateLanguage(i18n, language).finally(() => setReady(true));
  }, [i18n]);

  if (!ready) return <AppFrame />;
  return (
    <AppProviders i18n={i18n} queryClient={queryClient}>
      <AppRouter />
    </AppProviders>
  );
}
