import { useLingui } from "@lingui/react";
import { useId } from "react";
import { Alert } from "../../../components/ui/alert.tsx";
import { consentTexts } from "./consent-texts.ts";

type ConsentPanelProps = {
  version: string;
  accepted: boolean;
  onAcceptedChange: (accepted: boolean) => void;
  error?: string | undefined;
  disabled?: boolean;
};

/** The consent text of the version the server asks for, and the customer's "yes". */
export function ConsentPanel({
  version,
  accepted,
  onAcceptedChange,
  error,
  disabled,
}: ConsentPanelProps) {
  const { i18n } = useLingui();
  const checkboxId = useId();
  const errorId = `${checkboxId}-error`;
  const text = consentTexts[version];
  if (!text) {
    // Never show a different text than the one whose version is recorded.
    return <Alert>{i18n._("consent.unknown_version", { version })}</Alert>;
  }
  return (
    <div className="flex flex-col gap-3">
      <section
        // The text scrolls when long: a tab stop lets a keyboard scroll it (WCAG 2.1.1, axe
        // scrollable-region-focusable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs one.
        tabIndex={0}
        aria-label={i18n._(text.title)}
        className="flex max-h-80 flex-col gap-2 overflow-y-auto rounded-lg border-2 border-slate-300 bg-slate-50 p-3"
      >
        <h3 className="font-semibold">{i18n._(text.title)}</h3>
        {text.paragraphs.map((paragraph) => (
          <p key={paragraph.id}>{i18n._(paragraph)}</p>
        ))}
        <p className="text-xs text-slate-700">{i18n._("consent.version", { version })}</p>
      </section>
      <div className="flex flex-col gap-1">
        <label
          htmlFor={checkboxId}
          className="flex min-h-11 cursor-pointer items-start gap-3 font-semibold"
        >
          <input
            id={checkboxId}
            type="checkbox"
            required
            checked={accepted}
            disabled={disabled}
            onChange={(event) => onAcceptedChange(event.target.checked)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="mt-1 size-5 shrink-0 accent-brand-700"
          />
          {i18n._("consent.checkbox")}
        </label>
        {error ? (
          <p id={errorId} className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
