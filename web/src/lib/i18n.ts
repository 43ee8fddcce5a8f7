import { type I18n, type Messages, setupI18n } from "@lingui/core";
import { messages as firstScreenEnglish } from "../locales/en/first-screen.po";
import { isLanguage, type Language } from "./language-storage.ts";

export {
  isLanguage,
  type Language,
  languages,
  storedLanguage,
  storeLanguage,
} from "./language-storage.ts";

/** Intl locale per UI language: Indian grouping (12,34,567) and ₹ in both. */
export const intlLocales: Record<Language, string> = { en: "en-IN", hi: "hi-IN" };

// The English each instance holds: the first screen's, and the app's once added.
const englishOf = new WeakMap<I18n, Messages>();

/**
 * Each language's catalog is two files (web/lingui.config.ts): first-screen.po,
 * what the sign-in screen can show, and messages.po, the rest of the app.
 * English's first part ships with the first chunk and its rest with the app
 * chunk (lib/app-i18n.ts); Hindi comes whole, the first time it is chosen.
 */
async function loadMessages(i18n: I18n, language: Language): Promise<Messages> {
  if (language === "en") return englishOf.get(i18n) ?? firstScreenEnglish;
  const { messages } = await import("../locales/hi/catalog.ts");
  return messages;
}

/**
 * A fresh Lingui instance with English active, so the first paint never waits:
 * the first screen's English, plus `appEnglish` when given (lib/app-i18n.ts).
 */
export function createI18n(appEnglish?: Messages): I18n {
  const i18n = setupI18n();
  const messages = { ...firstScreenEnglish, ...appEnglish };
  englishOf.set(i18n, messages);
  i18n.loadAndActivate({ locale: "en", locales: [intlLocales.en], messages });
  return i18n;
}

/** More English for an instance, kept across language switches (lib/app-i18n.ts). */
export function addEnglish(i18n: I18n, more: Messages): void {
  const messages = { ...englishOf.get(i18n), ...more };
  englishOf.set(i18n, messages);
  if (i18n.locale === "en") {
    i18n.loadAndActivate({ locale: "en", locales: [intlLocales.en], messages });
  }
}

// The last language asked for per instance: a slow Hindi download must not
// win over an English click that came after it.
const requested = new WeakMap<I18n, Language>();

export async function activateLanguage(i18n: I18n, language: Language): Promise<void> {
  requested.set(i18n, language);
  const messages = i18n.locale === language ? null : await loadMessages(i18n, language);
  if (requested.get(i18n) !== language) return;
  if (messages) {
    i18n.loadAndActivate({ locale: language, locales: [intlLocales[language]], messages });
  }
  document.documentElement.lang = language;
}

export function currentLanguage(i18n: I18n): Language {
  return isLanguage(i18n.locale) ? i18n.locale : "en";
}
