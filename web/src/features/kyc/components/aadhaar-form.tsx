import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { type FormEvent, useState } from "react";
import { flushSync } from "react-dom";
import { Controller, type Resolver, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { maskAadhaar } from "#contract/aadhaar.ts";
import { aadhaarRequestSchema } from "#contract/flow-requests.ts";
import { Button } from "../../../components/ui/button.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import { setServerFieldErrors } from "../../../lib/server-field-errors.ts";
import { useUnsavedFormGuard } from "../../flow/components/unsaved-form-guard.ts";
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

/** The contract's request, except that the box is unticked (false) until the customer agrees. */
type AadhaarFields = Omit<AadhaarRequest, "consent"> & {
  consent?: Omit<NonNullable<AadhaarRequest["consent"]>, "accepted"> & { accepted: boolean };
};

/** Server field errors that can land on this form: the number is the one field left after a send. */
export const aadhaarFormFields = ["aadhaar"] as const;

/**
 * Two screens: the number (Verhoeff-checked by the contract schema), then the
 * customer's consent read out by the agent. The number is dropped from the form
 * as soon as it is sent; only "XXXX XXXX 1234" stays on screen meanwhile.
 */
export function AadhaarForm({ consentVersion, consentGiven, busy, onSubmit }: AadhaarFormProps) {
  const { i18n } = useLingui();
  const [stage, setStage] = useState<"number" | "consent">("number");
  const [sentMask, setSentMask] = useState<string | null>(null);
  const form = useForm<AadhaarFields, unknown, z.output<typeof aadhaarRequestSchema>>({
    // The contract's `accepted: z.literal(true)` is what refuses the unticked box.
    resolver: zodResolver(aadhaarRequestSchema) as Resolver<
      AadhaarFields,
      unknown,
      z.output<typeof aadhaarRequestSchema>
    >,
    defaultValues: { aadhaar: "" },
    // As before: typing clears the number's error; leaving a complete number checks it.
    reValidateMode: "onSubmit",
  });
  const digits = useWatch({ control: form.control, name: "aadhaar" });
  // A typed Aadhaar number is never kept (not even as a draft): leaving asks first.
  useUnsavedFormGuard((digits.length > 0 || stage === "consent") && sentMask === null);

  async function toConsent(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Only the number is checked here; the consent box is the next screen's.
    if (!(await form.trigger("aadhaar"))) return;
    const aadhaar = form.getValues("aadhaar");
    if (consentGiven) return sendNumber({ aadhaar });
    if (!form.getValues("consent")) {
      form.setValue("consent", {
        accepted: false,
        language: currentLanguage(i18n),
        version: consentVersion,
      });
    }
    setStage("consent");
  }

  const sendWithConsent = form.handleSubmit((request) => sendNumber(request));

  async function sendNumber(request: AadhaarRequest) {
    if (busy) return;
    setSentMask(maskAadhaar(request.aadhaar));
    form.setValue("aadhaar", "");
    let failure: unknown = null;
    try {
      await onSubmit(request);
    } catch (error) {
      // The step shows the error; the agent enters the number again.
      failure = error;
    } finally {
      setSentMask(null);
      // Back on the number screen before a server field error lands (and focuses) there.
      flushSync(() => {
        form.reset({ aadhaar: "" });
        setStage("number");
      });
    }
    if (failure) setServerFieldErrors(form.setError, failure, aadhaarFormFields);
  }

  if (stage === "number") {
    return (
      <form noValidate onSubmit={toConsent} className="flex flex-col gap-4">
        <PageHeading key="number">{i18n._("aadhaar.title")}</PageHeading>
        <p>{i18n._(consentGiven ? "aadhaar.intro_after_consent" : "aadhaar.intro")}</p>
        <Controller
          control={form.control}
          name="aadhaar"
          render={({ field, fieldState }) => (
            <AadhaarNumberInput
              label={i18n._("aadhaar.label")}
              hint={i18n._("aadhaar.hint")}
              value={field.value}
              onChange={(value) => {
                field.onChange(value);
                if (fieldState.error) form.clearErrors("aadhaar");
              }}
              onBlur={() => {
                field.onBlur();
                if (field.value.length === 12) void form.trigger("aadhaar");
                else form.clearErrors("aadhaar");
              }}
              error={fieldErrorMessage(i18n, fieldState.error?.message)}
            />
          )}
        />
        <Button type="submit" busy={busy} className="self-start">
          {i18n._(consentGiven ? "aadhaar.send_otp" : "aadhaar.continue")}
        </Button>
      </form>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        // The consent is recorded in the language the agent read it out in.
        form.setValue("consent.language", currentLanguage(i18n));
        return sendWithConsent(event);
      }}
      className="flex flex-col gap-4"
    >
      <PageHeading key="consent">{i18n._("aadhaar.consent_title")}</PageHeading>
      <p className="flex flex-wrap items-center gap-x-3">
        <span>{i18n._("aadhaar.label")}:</span>
        <span className="font-semibold tabular-nums">{sentMask ?? maskAadhaar(digits)}</span>
        <Button variant="ghost" disabled={busy} onClick={() => setStage("number")}>
          {i18n._("aadhaar.change_number")}
        </Button>
      </p>
      <Controller
        control={form.control}
        name="consent.accepted"
        render={({ field, fieldState }) => (
          <ConsentPanel
            version={consentVersion}
            accepted={field.value === true}
            onAcceptedChange={(value) => {
              field.onChange(value);
              if (value) form.clearErrors("consent.accepted");
            }}
            error={fieldErrorMessage(i18n, fieldState.error?.message)}
            disabled={busy}
          />
        )}
      />
      <Button type="submit" busy={busy} className="self-start">
        {i18n._("aadhaar.send_otp")}
      </Button>
    </form>
  );
}
