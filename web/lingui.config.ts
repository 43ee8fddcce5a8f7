import { defineConfig } from "@lingui/cli";

/**
 * Two catalogs per language. first-screen.po holds what the sign-in screen
 * can show (its labels and notices, the language names, the API error texts)
 * and ships with the first chunk; messages.po holds the rest of the app and
 * comes with the app chunk (web/src/lib/i18n.ts, web/src/main.tsx).
 */
const firstScreen = [
  "src/app/sign-in-screen.tsx",
  "src/app/language-switch.tsx",
  "src/features/sign-in",
  "src/lib/error-messages.ts",
  "src/components/ui/spinner.tsx",
];

export default defineConfig({
  sourceLocale: "en",
  locales: ["en", "hi"],
  catalogs: [
    { path: "<rootDir>/src/locales/{locale}/first-screen", include: firstScreen },
    { path: "<rootDir>/src/locales/{locale}/messages", include: ["src"], exclude: firstScreen },
  ],
  format: "po",
});
