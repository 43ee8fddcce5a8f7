/**
 * The UI languages and the choice remembered on this device. Kept apart from
 * i18n.ts (which carries the English catalog) so main.tsx can read the choice
 * in the first chunk and start the Hindi catalog's download early.
 */
export const languages = ["en", "hi"] as const;
export type Language = (typeof languages)[number];

const storageKey = "eko-console.language";

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "hi";
}

/** The language chosen on this device before sign-in (the agent's saved choice wins after). */
export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : "en";
  } catch {
    return "en";
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private mode or storage full: the choice still applies to this page.
  }
}
