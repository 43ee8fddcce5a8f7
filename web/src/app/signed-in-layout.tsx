import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { Alert } from "../components/ui/alert.tsx";
import { Button } from "../components/ui/button.tsx";
import { Spinner } from "../components/ui/spinner.tsx";
import { getMeQueryOptions } from "../features/sign-in/api/get-me.ts";
import { isApiRequestError } from "../lib/api-error.ts";
import { errorMessage } from "../lib/error-messages.ts";
import { activateLanguage, currentLanguage, storeLanguage } from "../lib/i18n.ts";
import { AppHeader } from "./app-header.tsx";

/**
 * Everything but sign-in: needs a session. A 401 on `me` is handled by the
 * query client (→ sign-in with a return path); here we only wait or explain.
 */
export function SignedInLayout({ children }: { children: ReactNode }) {
  const { i18n } = useLingui();
  const me = useQuery(getMeQueryOptions());
  const agentLanguage = me.data?.language;

  // The agent's saved language (PUT /api/auth/me/language) follows them to any PC.
  useEffect(() => {
    if (agentLanguage && agentLanguage !== currentLanguage(i18n)) {
      storeLanguage(agentLanguage);
      void activateLanguage(i18n, agentLanguage);
    }
  }, [agentLanguage, i18n]);

  if (me.isPending || (me.isError && isApiRequestError(me.error) && me.error.status === 401)) {
    return (
      <main className="grid min-h-dvh place-items-center">
        <Spinner />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="mx-auto max-w-xl p-4">
        <Alert
          actions={
            <Button variant="secondary" onClick={() => void me.refetch()}>
              {i18n._("common.try_again")}
            </Button>
          }
        >
          {errorMessage(i18n, me.error)}
        </Alert>
      </main>
    );
  }
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader agent={me.data} />
      <main
        id="main"
        className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-4 px-3 py-4 sm:px-6 sm:py-6"
      >
        {children}
      </main>
    </div>
  );
}
