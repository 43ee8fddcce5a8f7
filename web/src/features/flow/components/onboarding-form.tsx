import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { type Path, useForm } from "react-hook-form";
import { type Onboarding, type OnboardingInput, onboardingSchema } from "#contract/onboarding.ts";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { isApiRequestError } from "../../../lib/api-error.ts";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { latestAdultDob } from "../../../lib/format.ts";
import { setServerFieldErrors } from "../../../lib/server-field-errors.ts";
import { useOnboardCustomer } from "../api/onboard-customer.ts";
import { indianStates, stateLabels } from "./indian-states.ts";

const fieldPaths: ReadonlyArray<Path<OnboardingInput>> = [
  "name",
  "dob",
  "address.line",
  "address.city",
  "address.state",
  "address.pincode",
];

/**
 * New customer (Eko 308 → onboard, eko-api.md §8 A.2 / §9 B.2 / §10 C.2).
 * The contract's onboardingSchema checks in the browser; the server's 422
 * field errors land on the same fields.
 */
export function OnboardingForm({ flowId }: { flowId: string }) {
  const { i18n } = useLingui();
  const onboard = useOnboardCustomer(flowId);
  const today = new Date();
  const form = useForm<OnboardingInput, unknown, Onboarding>({
    resolver: zodResolver(onboardingSchema),
    defaultValues: { name: "", dob: "", address: { line: "", city: "", state: "", pincode: "" } },
  });
  const { errors } = form.formState;
  const message = (key: string | undefined) => fieldErrorMessage(i18n, key);

  function submit(details: Onboarding) {
    onboard.mutate(details, {
      onError: (error) => setServerFieldErrors(form.setError, error, fieldPaths),
    });
  }

  const serverError = onboard.error;
  const onlyFieldErrors =
    isApiRequestError(serverError) && serverError.code === "validation_failed";

  return (
    <Card>
      <PageHeading>{i18n._("onboard.title")}</PageHeading>
      <p>{i18n._("onboard.intro")}</p>
      {serverError && !onlyFieldErrors ? (
        <ApiErrorAlert error={serverError} onRetry={() => void form.handleSubmit(submit)()} />
      ) : null}
      {onlyFieldErrors ? <ApiErrorAlert error={serverError} /> : null}
      <form noValidate onSubmit={form.handleSubmit(submit)} className="flex flex-col gap-4">
        <TextInput
          label={i18n._("onboard.name")}
          hint={i18n._("onboard.name_hint")}
          autoComplete="off"
          autoCapitalize="words"
          spellCheck={false}
          error={message(errors.name?.message)}
          {...form.register("name")}
        />
        <TextInput
          label={i18n._("onboard.dob")}
          type="date"
          max={latestAdultDob(today)}
          min={`${today.getFullYear() - 120}-01-01`}
          error={message(errors.dob?.message)}
          {...form.register("dob")}
        />
        <TextInput
          label={i18n._("onboard.address_line")}
          hint={i18n._("onboard.address_line_hint")}
          autoComplete="address-line1"
          error={message(errors.address?.line?.message)}
          {...form.register("address.line")}
        />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <TextInput
            label={i18n._("onboard.city")}
            autoComplete="address-level2"
            error={message(errors.address?.city?.message)}
            {...form.register("address.city")}
          />
          <SelectInput
            label={i18n._("onboard.state")}
            autoComplete="address-level1"
            error={message(errors.address?.state?.message)}
            {...form.register("address.state")}
          >
            <option value="">{i18n._("onboard.state_choose")}</option>
            {indianStates.map((state) => (
              <option key={state.code} value={state.name}>
                {i18n._(stateLabels[state.code])}
              </option>
            ))}
          </SelectInput>
        </div>
        <TextInput
          label={i18n._("onboard.pincode")}
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={6}
          className="max-w-40"
          error={message(errors.address?.pincode?.message)}
          {...form.register("address.pincode")}
        />
        <Button type="submit" busy={onboard.isPending} className="self-start">
          {i18n._("onboard.submit")}
        </Button>
      </form>
    </Card>
  );
}
