import { useLingui } from "@lingui/react";
import { type FormEvent, useState } from "react";
import { aadhaarSchema, maskAadhaar } from "#contract/aadhaar.ts";
import { Button } from "../../../components/ui/button.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import type { AadhaarRequest } from "../api/submit-aadhaar.ts";
import { AadhaarNumberInput } from "./aadhaar-number-input.tsx";
import { ConsentPanel } from "./consent-panel.tsx";

type AadhaarFormProps = {
  consentVersion: string;
  /** DigiKhata: consent was its own step; the number goes straight to Eko. */
  consentGiven?: boolean;
  busy: boolean;
  /** Resolves or rejects when Eko has answered; the form then forgets the number. */
  onSubmit: (request: AadhaarRequest) => Promise<unknown>;
};

function validationKey(digits: string): string | undefined {
  const result = aadhaarSchema.safeParse(digits);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * Two screens: the number (Verhoeff-checked by the contract schema), then the
 * customer's consent read out by the agent. The number is dropped from state
 * as soon as it is sent; only "XXXX XXXX 1234" stays on screen meanwhile.
 */
export function AadhaarForm({ consentVersion, consentGiven, busy, onSubmit }: AadhaarFormProps) {
  const { i18n } = useLingui();
  const [stage, setStage] = useState<"number" | "consent">("number");
  const [digits, setDigits] = useState("");
  const [sentMask, setSentMask] = useState<string | null>(null);
  const [numberError, setNumberError] = useState<string | undefined>();
  const [accepted, setAccepted] = useState(false);
  const [consentMissing, setConsentMissing] = useState(false);

  function toConsent(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const key = validationKey(digits);
    setNumberError(key);
    if (key) return;
    if (consentGiven) void sendNumber({ aadhaar: digits });
    else setStage("consent");
  }

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!accepted) {
      setConsentMissing(true);
      return;
    }
    await sendNumber({
      aadhaar: digits,
      consent: { accepted: true, language: currentLanguage(i18n), version: consentVersion },
    });
  }

  async function sendNumber(request: AadhaarRequest) {
    if (busy) return;
    setSentMask(maskAadhaar(digits));
    setDigits("");
    try {
      await onSubmit(request);
    } catch {
      // The step shows the error; the agent enters the number again.
    } finally {
      setSentMask(null);
      setAccepted(false);
      setStage("number");
    }
  }

  if (stage === "number") {
    return (
      <form noValidate onSubmit={toConsent} className="flex flex-col gap-4">
        <PageHeading key="number">{i18n._("aadhaar.title")}</PageHeading>
        <p>{i18n._(consentGiven ? "aadhaar.intro_after_consent" : "aadhaar.intro")}</p>
        <AadhaarNumberInput
          label={i18n._("aadhaar.label")}
          hint={i18n._("aadhaar.hint")}
          value={digits}
          onChange={(value) => {
            setDigits(value);
            if (numberError) setNumberError(undefined);
          }}
          onBlur={() => setNumberError(digits.length === 12 ? validationKey(digits) : undefined)}
          error={fieldErrorMessage(i18n, numberError)}
        />
        <Button type="submit" busy={busy} className="self-start">
          {i18n._(consentGiven ? "aadhaar.send_otp" : "aadhaar.continue")}
        </Button>
      </form>
    );
  }

  return (
    <form noValidate onSubmit={send} className="flex flex-col gap-4">
      <PageHeading key="consent">{i18n._("aadhaar.consent_title")}</PageHeading>
      <p className="flex flex-wrap items-center gap-x-3">
        <span>{i18n._("aadhaar.label")}:</span>
        <span className="font-semibold tabular-nums">{sentMask ?? maskAadhaar(digits)}</span>
        <Button variant="ghost" disabled={busy} onClick={() => setStage("number")}>
          {i18n._("aadhaar.change_number")}
        </Button>
      </p>
      <ConsentPanel
        version={consentVersion}
        accepted={accepted}
        onAcceptedChange={(value) => {
          setAccepted(value);
          if (value) setConsentMissing(false);
        }}
        error={consentMissing ? fieldErrorMessage(i18n, "consent_required") : undefined}
        disabled={busy}
      />
      <Button type="submit" busy={busy} className="self-start">
        {i18n._("aadhaar.send_otp")}
      </Button>
    </form>
  );
}
