import { useLingui } from "@lingui/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { useLocation } from "wouter";
import { Alert } from "../components/ui/alert.tsx";
import { Button } from "../components/ui/button.tsx";
import { Spinner } from "../components/ui/spinner.tsx";
import { useLeaveGuard } from "../features/flow/components/unsaved-form-guard.ts";
import { getMeQueryOptions } from "../features/sign-in/api/get-me.ts";
import { useSignOut } from "../features/sign-in/api/sign-out.ts";
import { isApiRequestError } from "../lib/api-error.ts";
import { errorMessage } from "../lib/error-messages.ts";
import { activateLanguage, currentLanguage, storeLanguage } from "../lib/i18n.ts";
import { AppHeader } from "./app-header.tsx";
import { signInPath } from "./session.ts";

// Needed only right after a one-time password: not in the app's main chunk.
const ChangePasswordScreen = lazy(() =>
  import("../features/password-change/components/change-password-screen.tsx").then((module) => ({
    default: module.ChangePasswordScreen,
  })),
);

/**
 * Everything but sign-in: needs a session. A 401 on `me` is handled by the
 * query client (→ sign-in with a return path); here we only wait or explain.
 */
export function SignedInLayout({ children }: { children: ReactNode }) {
  const { i18n } = useLingui();
  const me = useQuery(getMeQueryOptions());
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const signOut = useSignOut();
  const agentLanguage = me.data?.language;
  useLeaveGuard(i18n._("flow.leave_unsaved_page_confirm"));

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
  if (me.data.mustChangePassword) {
    // Signed in with a one-time password: nothing else opens until they choose their own.
    return (
      <main id="main" className="flex min-h-dvh flex-col px-3 py-6 sm:py-10">
        <Suspense fallback={<Spinner />}>
          <ChangePasswordScreen
            onChanged={(agent) => queryClient.setQueryData(getMeQueryOptions().queryKey, agent)}
            onSignOut={() => signOut.mutate(undefined, { onSettled: () => navigate(signInPath) })}
          />
        </Suspense>
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
