import type { I18n } from "@lingui/core";
import { I18nProvider } from "@lingui/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement, ReactNode } from "react";
import { createAppI18n } from "../lib/app-i18n.ts";
import { activateLanguage, type Language } from "../lib/i18n.ts";

type ProvidersProps = { i18n: I18n; queryClient: QueryClient; children: ReactNode };

function Providers({ i18n, queryClient, children }: ProvidersProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider i18n={i18n}>{children}</I18nProvider>
    </QueryClientProvider>
  );
}

/**
 * Renders with the real catalogs (compiled from the PO files by the Lingui
 * Vite plugin) and a fresh query client per test; `rerender` keeps both.
 */
export async function renderWithProviders(
  ui: ReactElement,
  { language = "en" }: { language?: Language } = {},
) {
  const i18n = createAppI18n();
  await activateLanguage(i18n, language);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const wrap = (node: ReactElement) => (
    <Providers i18n={i18n} queryClient={queryClient}>
      {node}
    </Providers>
  );
  const result = render(wrap(ui));
  return {
    ...result,
    rerender: (next: ReactElement) => result.rerender(wrap(next)),
    i18n,
    queryClient,
  };
}
