import { useLingui } from "@lingui/react";
import { type FormEvent, useState } from "react";
import { panSchema } from "#contract/pan.ts";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import type { StepOf } from "../../flow/components/step-types.ts";
import { useSubmitPan } from "../api/submit-pan.ts";
import { IdentityCard } from "./identity-card.tsx";

/** Levin C.7: Aadhaar is done (identity shown above); the PAN completes KYC. */
export function PanStep({ flowId, step }: { flowId: string; step: StepOf<"pan"> }) {
  const { i18n } = useLingui();
  const submitPan = useSubmitPan(flowId);
  const [pan, setPan] = useState("");
  const [errorKey, setErrorKey] = useState<string | undefined>();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = panSchema.safeParse(pan);
    if (!result.success) {
      setErrorKey(result.error.issues[0]?.message ?? "pan_format");
      return;
    }
    setErrorKey(undefined);
    if (!submitPan.isPending) submitPan.mutate(result.data);
  }

  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{i18n._("pan.title")}</PageHeading>
      {step.identity ? <IdentityCard identity={step.identity} /> : null}
      <Card>
        <p>{i18n._("pan.intro")}</p>
        {step.rejected && !submitPan.isPending ? <Alert>{i18n._("pan.rejected")}</Alert> : null}
        {submitPan.error ? (
          <ApiErrorAlert
            error={submitPan.error}
            onRetry={() => submitPan.variables && submitPan.mutate(submitPan.variables)}
          />
        ) : null}
        <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-4">
          <TextInput
            label={i18n._("pan.label")}
            hint={i18n._("pan.hint")}
            name="pan"
            value={pan}
            onChange={(event) => {
              setPan(
                event.target.value
                  .toUpperCase()
                  .replace(/[^A-Z0-9]/g, "")
                  .slice(0, 10),
              );
              if (errorKey) setErrorKey(undefined);
            }}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={10}
            className="max-w-xs text-lg uppercase tracking-wider"
            error={fieldErrorMessage(i18n, errorKey)}
          />
          <Button type="submit" busy={submitPan.isPending} className="self-start">
            {i18n._("pan.submit")}
          </Button>
        </form>
      </Card>
    </div>
  );
}
