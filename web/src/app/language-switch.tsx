import { useLingui } from "@lingui/react";
import { type Language, languages } from "../lib/i18n.ts";

// Each language names itself in both catalogs ("English", "हिन्दी"), so an agent
// who cannot read the other language still finds their own.
const ownNames: Record<Language, { id: string }> = {
  en: { id: "language.en" },
  hi: { id: "language.hi" },
};

type LanguageSwitchProps = {
  value: Language;
  onChange: (language: Language) => void;
  disabled?: boolean;
};

export function LanguageSwitch({ value, onChange, disabled }: LanguageSwitchProps) {
  const { i18n } = useLingui();
  return (
    <fieldset className="flex items-center gap-1" disabled={disabled}>
      <legend className="sr-only">{i18n._("header.language")}</legend>
      {languages.map((language) => (
        <label
          key={language}
          lang={language}
          // The one Hindi word on an English screen (the sign-in screen above
          // all) uses the system face: the self-hosted Devanagari font (≈ 40 KB)
          // would otherwise download on slow 4G alongside the first JS and delay
          // sign-in. A Hindi screen fetches it anyway. (README, Decisions.)
          className={`${language === "hi" && value !== "hi" ? "font-sans " : ""}inline-flex min-h-11 cursor-pointer items-center rounded-lg border-2 border-transparent px-2 text-sm font-semibold text-white has-checked:border-white has-checked:bg-white has-checked:text-brand-800 has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-white`}
        >
          <input
            type="radio"
            name="ui-language"
            className="sr-only"
            value={language}
            checked={value === language}
            onChange={() => onChange(language)}
          />
          {i18n._(ownNames[language])}
        </label>
      ))}
    </fieldset>
  );
}
