import { useLingui } from "@lingui/react";
import { Link, useLocation } from "wouter";
import { Button } from "../components/ui/button.tsx";
import { useStartOver } from "../features/flow/components/use-start-over.ts";
import type { Agent } from "../features/sign-in/api/get-me.ts";
import { useSignOut } from "../features/sign-in/api/sign-out.ts";
import { useUpdateLanguage } from "../features/sign-in/api/update-language.ts";
import { activateLanguage, currentLanguage, type Language, storeLanguage } from "../lib/i18n.ts";
import { LanguageSwitch } from "./language-switch.tsx";
import { signInPath } from "./session.ts";

export function AppHeader({ agent }: { agent: Agent }) {
  const { i18n } = useLingui();
  const [location, navigate] = useLocation();
  const newCustomer = useStartOver();
  const signOut = useSignOut();
  const updateLanguage = useUpdateLanguage();

  function changeLanguage(language: Language) {
    storeLanguage(language);
    void activateLanguage(i18n, language);
    updateLanguage.mutate(language);
  }

  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex w-full max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-3 py-2 sm:px-6">
        <p className="text-base font-bold sm:text-lg">{i18n._("app.name")}</p>
        <Button variant="inverse" size="sm" onClick={newCustomer}>
          {i18n._("flow.next_customer")}
        </Button>
      </div>
      <nav
        aria-label={i18n._("header.nav")}
        className="mx-auto flex w-full max-w-3xl flex-wrap items-center gap-x-1 px-3 pb-1 sm:gap-x-3 sm:px-6"
      >
        <p className="min-w-0 basis-full truncate text-sm sm:mr-auto sm:basis-auto">
          {i18n._("header.signed_in_as", { name: agent.name })}
        </p>
        <LanguageSwitch value={currentLanguage(i18n)} onChange={changeLanguage} />
        <Link
          href="/activity"
          aria-current={location === "/activity" ? "page" : undefined}
          className="inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-semibold text-white underline underline-offset-4 hover:bg-white/15 focus-visible:outline-white"
        >
          {/* Admins see every agent's entries: "Activity", as the page calls it. */}
          {i18n._(agent.role === "admin" ? "header.activity" : "header.my_activity")}
        </Link>
        {agent.role === "admin" ? (
          <Link
            href="/agents"
            aria-current={location === "/agents" ? "page" : undefined}
            className="inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-semibold text-white underline underline-offset-4 hover:bg-white/15 focus-visible:outline-white"
          >
            {i18n._("header.agents")}
          </Link>
        ) : null}
        <Button
          variant="inversePlain"
          size="sm"
          busy={signOut.isPending}
          onClick={() => signOut.mutate(undefined, { onSettled: () => navigate(signInPath) })}
        >
          {i18n._("header.sign_out")}
        </Button>
      </nav>
    </header>
  );
}
