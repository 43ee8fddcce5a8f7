import { useLingui } from "@lingui/react";
import { useQueryClient } from "@tanstack/react-query";
import { useLocation, useSearch } from "wouter";
import { seedSignedIn } from "../../features/sign-in/api/seed-signed-in.ts";
import type { SignedIn } from "../../features/sign-in/api/sign-in.ts";
import { isSignInReason } from "../../features/sign-in/components/sign-in-reasons.ts";
import { activateLanguage, storeLanguage } from "../../lib/i18n.ts";
import { safeReturnPath } from "../session.ts";
import { SignInScreen } from "../sign-in-screen.tsx";

/** /sign-in inside the app: after signing out, or when a session ended while in use. */
export function SignInRoute() {
  const { i18n } = useLingui();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const returnTo = safeReturnPath(params.get("returnTo"));
  const reason = params.get("reason");

  function onSignedIn(signedIn: SignedIn) {
    const { agent } = signedIn;
    seedSignedIn(queryClient, signedIn);
    storeLanguage(agent.language);
    void activateLanguage(i18n, agent.language);
    navigate(returnTo, { replace: true });
  }

  return <SignInScreen reason={isSignInReason(reason) ? reason : null} onSignedIn={onSignedIn} />;
}
