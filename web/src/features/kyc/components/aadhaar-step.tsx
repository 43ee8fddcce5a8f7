import { useLingui } from "@lingui/react";
import { useState } from "react";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { hasServerFieldErrors } from "../../../lib/server-field-errors.ts";
import type { StepOf } from "../../flow/components/step-types.ts";
import { type AadhaarRequest, useSubmitAadhaar } from "../api/submit-aadhaar.ts";
import { AadhaarForm, aadhaarFormFields } from "./aadhaar-form.tsx";

/**
 * The Aadhaar number (Levin C.5 with the consent on the next screen; DigiKhata
 * B.7 after its own consent step); Eko then sends the Aadhaar OTP.
 */
export function AadhaarStep({ flowId, step }: { flowId: string; step: StepOf<"aadhaar"> }) {
  const { i18n } = useLingui();
  const submit = useSubmitAadhaar(flowId);
  const [error, setError] = useState<unknown>(null);

  async function send(request: AadhaarRequest) {
    setError(null);
    try {
      return await submit.mutateAsync(request);
    } catch (cause) {
      setError(cause);
      throw cause;
    } finally {
      // The mutation's variables hold the full number: drop them once answered.
      submit.reset();
    }
  }

  return (
    <Card>
      {step.rejected && !submit.isPending && !error ? (
        <Alert>{i18n._("aadhaar.rejected")}</Alert>
      ) : null}
      {error && !hasServerFieldErrors(error, aadhaarFormFields) ? (
        <ApiErrorAlert error={error} />
      ) : null}
      <AadhaarForm
        consentVersion={step.consentVersion}
        consentGiven={step.consentGiven === true}
        busy={submit.isPending}
        onSubmit={send}
      />
    </Card>
  );
}
