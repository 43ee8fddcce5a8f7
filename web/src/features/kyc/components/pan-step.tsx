import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { panRequestSchema } from "#contract/flow-requests.ts";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { hasServerFieldErrors, setServerFieldErrors } from "../../../lib/server-field-errors.ts";
import type { StepOf } from "../../flow/components/step-types.ts";
import { useUnsavedFormGuard } from "../../flow/components/unsaved-form-guard.ts";
import { useSubmitPan } from "../api/submit-pan.ts";
import { IdentityCard } from "./identity-card.tsx";

type PanForm = z.input<typeof panRequestSchema>;

/** PAN (Levin C.7, DigiKhata B.9): the last KYC step; Levin shows the verified identity above. */
export function PanStep({ flowId, step }: { flowId: string; step: StepOf<"pan"> }) {
  const { i18n } = useLingui();
  const submitPan = useSubmitPan(flowId);
  const form = useForm<PanForm, unknown, z.output<typeof panRequestSchema>>({
    resolver: zodResolver(panRequestSchema),
    defaultValues: { pan: "" },
  });
  // A typed PAN is not dropped by Back, a link or Next customer without asking.
  useUnsavedFormGuard(form.formState.isDirty && !submitPan.isSuccess);
  const submit = form.handleSubmit(({ pan }) => {
    if (submitPan.isPending) return;
    submitPan.mutate(pan, {
      onError: (error) => setServerFieldErrors(form.setError, error, ["pan"]),
    });
  });

  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{i18n._("pan.title")}</PageHeading>
      {step.identity ? <IdentityCard identity={step.identity} /> : null}
      <Card>
        <p>{i18n._(step.identity ? "pan.intro" : "pan.intro_plain")}</p>
        {step.rejected && !submitPan.isPending ? <Alert>{i18n._("pan.rejected")}</Alert> : null}
        {submitPan.error && !hasServerFieldErrors(submitPan.error, ["pan"]) ? (
          <ApiErrorAlert error={submitPan.error} onRetry={() => void submit()} />
        ) : null}
        <form noValidate onSubmit={submit} className="flex flex-col gap-4">
          <Controller
            control={form.control}
            name="pan"
            render={({ field, fieldState }) => (
              <TextInput
                label={i18n._("pan.label")}
                hint={i18n._("pan.hint")}
                name={field.name}
                ref={field.ref}
                value={field.value}
                onBlur={field.onBlur}
                onChange={(event) =>
                  field.onChange(
                    event.target.value
                      .toUpperCase()
                      .replace(/[^A-Z0-9]/g, "")
                      .slice(0, 10),
                  )
                }
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={10}
                className="max-w-xs text-lg uppercase tracking-wider"
                error={fieldErrorMessage(i18n, fieldState.error?.message)}
              />
            )}
          />
          <Button type="submit" busy={submitPan.isPending} className="self-start">
            {i18n._("pan.submit")}
          </Button>
        </form>
      </Card>
    </div>
  );
}
