import { useLingui } from "@lingui/react";
import { type FormEvent, useId, useState } from "react";
import { mobilePattern, normaliseMobile } from "#contract/mobile.ts";
import { type Rail, rails } from "#contract/rails.ts";
import { Button } from "../../../components/ui/button.tsx";
import { MobileInput } from "../../../components/ui/mobile-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { railDescriptions, railNames } from "./rail-names.ts";

type StartFlowFormProps = {
  defaultRail: Rail;
  busy: boolean;
  onStart: (input: { rail: Rail; mobile: string }) => void;
};

/** Pick the service, type or paste the customer's number, Continue. */
export function StartFlowForm({ defaultRail, busy, onStart }: StartFlowFormProps) {
  const { i18n } = useLingui();
  const [rail, setRail] = useState<Rail>(defaultRail);
  const [mobile, setMobile] = useState("");
  const [error, setError] = useState<string | undefined>();
  const idPrefix = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const normalised = normaliseMobile(mobile);
    if (!mobilePattern.test(normalised)) {
      setError("mobile_invalid");
      return;
    }
    setError(undefined);
    setMobile(normalised);
    if (!busy) onStart({ rail, mobile: normalised });
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-6">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 font-semibold">{i18n._("start.rail_legend")}</legend>
        {rails.map((option) => (
          <label
            key={option}
            className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border-2 border-slate-300 bg-white p-3 has-checked:border-brand-700 has-checked:bg-brand-50 has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600"
          >
            <input
              type="radio"
              name="rail"
              value={option}
              checked={rail === option}
              onChange={() => setRail(option)}
              // The name is the service alone ("Levin wallet — Aadhaar KYC"); the line under it is its description.
              aria-labelledby={`${idPrefix}-${option}-name`}
              aria-describedby={`${idPrefix}-${option}-description`}
              className="mt-1 size-5 shrink-0 accent-brand-700 focus-visible:outline-none"
            />
            <span className="flex flex-col">
              <span id={`${idPrefix}-${option}-name`} className="font-semibold">
                {i18n._(railNames[option])}
              </span>
              <span id={`${idPrefix}-${option}-description`} className="text-sm text-slate-700">
                {i18n._(railDescriptions[option])}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <MobileInput
        label={i18n._("start.mobile_label")}
        hint={i18n._("start.mobile_hint")}
        name="mobile"
        value={mobile}
        onValueChange={(value) => {
          setMobile(value);
          if (error) setError(undefined);
        }}
        error={fieldErrorMessage(i18n, error)}
      />
      <Button type="submit" busy={busy} className="self-start">
        {i18n._("start.submit")}
      </Button>
    </form>
  );
}
