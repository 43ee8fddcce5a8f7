import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useEffect } from "react";
import { Controller, type Path, type Resolver, useForm } from "react-hook-form";
import { type Onboarding, onboardingSchema } from "#contract/onboarding.ts";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { DayFirstDateInput } from "../../../components/ui/day-first-date-input.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { isApiRequestError } from "../../../lib/api-error.ts";
import {
  dateInWords,
  isOverHundredYearsAgo,
  isoFromDayFirst,
} from "../../../lib/day-first-date.ts";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import { setServerFieldErrors } from "../../../lib/server-field-errors.ts";
import { useOnboardCustomer } from "../api/onboard-customer.ts";
import { indianStates, stateLabels } from "./indian-states.ts";
import {
  clearOnboardingDrafts,
  type OnboardingDraft,
  readOnboardingDraft,
  saveOnboardingDraft,
} from "./onboarding-draft.ts";
import { useUnsavedFormGuard } from "./unsaved-form-guard.ts";

const fieldPaths: ReadonlyArray<Path<OnboardingDraft>> = [
  "name",
  "dob",
  "address.line",
  "address.city",
  "address.state",
  "address.pincode",
];

const emptyDraft: OnboardingDraft = {
  name: "",
  dob: "",
  address: { line: "", city: "", state: "", pincode: "" },
};

/**
 * The form holds the date as typed ("17/05/1990"); the contract's schema
 * checks it as the ISO date it becomes, so its errors land on the same field.
 */
const dayFirstResolver: Resolver<OnboardingDraft, unknown, Onboarding> = (
  values,
  context,
  options,
) =>
  zodResolver(onboardingSchema)(
    { ...values, dob: isoFromDayFirst(values.dob) ?? values.dob },
    context,
    options as never,
  ) as ReturnType<Resolver<OnboardingDraft, unknown, Onboarding>>;

/**
 * New customer (Eko 308 → onboard, eko-api.md §8 A.2 / §9 B.2 / §10 C.2).
 * The contract's onboardingSchema checks in the browser; the server's 422
 * field errors land on the same fields. What is typed survives a refresh
 * (onboarding-draft.ts); the date of birth is typed day first and read back
 * in words before the agent submits.
 */
export function OnboardingForm({ flowId }: { flowId: string }) {
  const { i18n } = useLingui();
  const onboard = useOnboardCustomer(flowId);
  const language = currentLanguage(i18n);
  const form = useForm<OnboardingDraft, unknown, Onboarding>({
    resolver: dayFirstResolver,
    defaultValues: readOnboardingDraft(flowId) ?? emptyDraft,
  });
  const { errors } = form.formState;
  const message = (key: string | undefined) => fieldErrorMessage(i18n, key);
  useUnsavedFormGuard(form.formState.isDirty && !onboard.isSuccess);

  useEffect(() => {
    const subscription = form.watch((values) => {
      saveOnboardingDraft(flowId, {
        ...emptyDraft,
        ...values,
        address: { ...emptyDraft.address, ...values.address },
      } as OnboardingDraft);
    });
    return () => subscription.unsubscribe();
  }, [form, flowId]);

  function submit(details: Onboarding) {
    onboard.mutate(details, {
      onSuccess: () => clearOnboardingDrafts(flowId),
      onError: (error) => setServerFieldErrors(form.setError, error, fieldPaths),
    });
  }

  const dobIso = isoFromDayFirst(form.watch("dob"));

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
        <Controller
          control={form.control}
          name="dob"
          render={({ field }) => (
            <DayFirstDateInput
              label={i18n._("onboard.dob")}
              hint={i18n._("onboard.dob_hint")}
              placeholder={i18n._("onboard.dob_placeholder")}
              error={message(errors.dob?.message)}
              name={field.name}
              ref={field.ref}
              onBlur={field.onBlur}
              value={field.value}
              onValueChange={field.onChange}
            >
              <div aria-live="polite" className="flex flex-col gap-1">
                {dobIso ? (
                  <p className="font-medium text-slate-900">
                    {i18n._("onboard.dob_read_back", { date: dateInWords(dobIso, language) })}
                  </p>
                ) : null}
                {dobIso && isOverHundredYearsAgo(dobIso, new Date()) ? (
                  <p className="rounded-md bg-amber-50 p-2 text-sm font-medium text-amber-900">
                    {i18n._("onboard.dob_over_hundred")}
                  </p>
                ) : null}
              </div>
            </DayFirstDateInput>
          )}
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
