import { useLingui } from "@lingui/react";
import type { SignedIn } from "../features/sign-in/api/sign-in.ts";
import { SignInForm } from "../features/sign-in/components/sign-in-form.tsx";
import type { SignInReason } from "../features/sign-in/components/sign-in-reasons.ts";
import { activateLanguage, currentLanguage, type Language, storeLanguage } from "../lib/i18n.ts";
import { LanguageSwitch } from "./language-switch.tsx";

type SignInScreenProps = {
  /** Why the previous session ended, if it did (idle timeout…). */
  reason: SignInReason | null;
  /** The form stays busy until a returned promise settles. */
  onSignedIn: (signedIn: SignedIn) => void | Promise<void>;
  /**
   * This is the copy rendered at build time into index.html (web/src/prerender.tsx),
   * on screen before any script has run: inert, fields and buttons disabled,
   * so nothing typed into it is lost when the live screen replaces it (main.tsx).
   */
  prerendered?: boolean;
};

/**
 * The whole sign-in page: header with the language choice, and the form. Needs
 * only Lingui — no router, no query client — so the first screen can go live
 * before the rest of the app has downloaded (app/first-screen.tsx); the app's
 * /sign-in route shows the same screen (routes/sign-in-route.tsx).
 */
export function SignInScreen({ reason, onSignedIn, prerendered = false }: SignInScreenProps) {
  const { i18n } = useLingui();

  function chooseLanguage(language: Language) {
    // Before sign-in the choice lives on this device only.
    storeLanguage(language);
    void activateLanguage(i18n, language);
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
        <SignInForm reason={reason} onSignedIn={onSignedIn} disabled={prerendered} />
      </main>
    </div>
  );
}
