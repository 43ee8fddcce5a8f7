import { type I18n, type Messages, setupI18n } from "@lingui/core";
import { messages as englishMessages } from "../locales/en/messages.po";
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

/** English ships with the first chunk; Hindi is fetched the first time it is chosen. */
async function loadMessages(language: Language): Promise<Messages> {
  if (language === "en") return englishMessages;
  const { messages } = await import("../locales/hi/messages.po");
  return messages;
}

/** A fresh Lingui instance with English active, so the first paint never waits. */
export function createI18n(): I18n {
  const i18n = setupI18n();
  i18n.loadAndActivate({ locale: "en", locales: [intlLocales.en], messages: englishMessages });
  return i18n;
}

// The last language asked for per instance: a slow Hindi download must not
// win over an English click that came after it.
const requested = new WeakMap<I18n, Language>();

export async function activateLanguage(i18n: I18n, language: Language): Promise<void> {
  requested.set(i18n, language);
  const messages = i18n.locale === language ? null : await loadMessages(language);
  if (requested.get(i18n) !== language) return;
  if (messages) {
    i18n.loadAndActivate({ locale: language, locales: [intlLocales[language]], messages });
  }
  document.documentElement.lang = language;
}

export function currentLanguage(i18n: I18n): Language {
  return isLanguage(i18n.locale) ? i18n.locale : "en";
}
