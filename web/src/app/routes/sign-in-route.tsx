import { useLingui } from "@lingui/react";
import { useLocation, useSearch } from "wouter";
import type { Agent } from "../../features/sign-in/api/get-me.ts";
import { SignInForm } from "../../features/sign-in/components/sign-in-form.tsx";
import { isSignInReason } from "../../features/sign-in/components/sign-in-reasons.ts";
import { activateLanguage, currentLanguage, type Language, storeLanguage } from "../../lib/i18n.ts";
import { LanguageSwitch } from "../language-switch.tsx";
import { safeReturnPath } from "../session.ts";

type SignInRouteProps = {
  /**
   * This is the copy rendered at build time into index.html (web/src/prerender.tsx),
   * on screen before the app's code arrives: inert, fields and buttons disabled,
   * so nothing typed into it is lost when the app replaces it (main.tsx).
   */
  prerendered?: boolean;
};

export function SignInRoute({ prerendered = false }: SignInRouteProps) {
  const { i18n } = useLingui();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const returnTo = safeReturnPath(params.get("returnTo"));
  const reason = params.get("reason");

  function chooseLanguage(language: Language) {
    // Before sign-in the choice lives on this device only.
    storeLanguage(language);
    void activateLanguage(i18n, language);
  }

  function onSignedIn(agent: Agent) {
    storeLanguage(agent.language);
    void activateLanguage(i18n, agent.language);
    navigate(returnTo, { replace: true });
  }

  return (
    <div className="flex min-h-dvh flex-col" inert={prerendered}>
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex w-full max-w-3xl flex-wrap items-center justify-between gap-2 px-3 py-2 sm:px-6">
          <p className="text-lg font-bold">{i18n._("app.name")}</p>
          <LanguageSwitch
            value={currentLanguage(i18n)}
            onChange={chooseLanguage}
            disabled={prerendered}
          />
        </div>
      </header>
      <main className="flex flex-1 flex-col px-3 py-6 sm:py-10">
        <SignInForm
          reason={isSignInReason(reason) ? reason : null}
          onSignedIn={onSignedIn}
          disabled={prerendered}
        />
      </main>
    </div>
  );
}
