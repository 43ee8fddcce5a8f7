import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useEffect, useId, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { startFlowSchema } from "#contract/flow-requests.ts";
import type { Rail } from "#contract/rails.ts";
import { rails } from "#contract/rails.ts";
import { Button } from "../../../components/ui/button.tsx";
import { MobileInput } from "../../../components/ui/mobile-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { railDescriptions, railNames } from "./rail-names.ts";

type StartFlowFormProps = {
  busy: boolean;
  onStart: (input: { rail: Rail; mobile: string }) => void;
};

type StartFlowFields = { rail: Rail | ""; mobile: string };
type StartFlow = { rail: Rail; mobile: string };

/** "9812345678" → "98123 45678": the way a number is read out, in two halves. */
export function spokenMobile(mobile: string): string {
  return `${mobile.slice(0, 5)} ${mobile.slice(5)}`;
}

/**
 * Pick the service, type or paste the customer's number, Continue — then the
 * number is read back in full ("Send OTP to 98123 45678?") before anything
 * goes to Eko: a wrong digit would send the customer's OTP to a stranger.
 * No service is pre-selected: the last customer's choice is not carried
 * over to the next one (issue #15 §4).
 */
export function StartFlowForm({ busy, onStart }: StartFlowFormProps) {
  const { i18n } = useLingui();
  const idPrefix = useId();
  const [confirming, setConfirming] = useState<StartFlow | undefined>();
  const questionRef = useRef<HTMLHeadingElement>(null);
  const form = useForm<StartFlowFields, unknown, StartFlow>({
    resolver: zodResolver(startFlowSchema) as never,
    defaultValues: { rail: "", mobile: "" },
  });
  const { errors } = form.formState;

  useEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  if (confirming) {
    return (
      <section aria-labelledby={`${idPrefix}-confirm`} className="flex flex-col gap-4">
        <h2
          id={`${idPrefix}-confirm`}
          ref={questionRef}
          tabIndex={-1}
          className="text-xl font-semibold focus:outline-none"
        >
          {i18n._("start.confirm_question", { mobile: spokenMobile(confirming.mobile) })}
        </h2>
        <p>{i18n._("start.confirm_hint", { service: i18n._(railNames[confirming.rail]) })}</p>
        <div className="flex flex-wrap gap-3">
          <Button type="button" busy={busy} onClick={() => !busy && onStart(confirming)}>
            {i18n._("start.confirm_yes")}
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={busy}
            onClick={() => {
              setConfirming(undefined);
              setTimeout(() => form.setFocus("mobile"));
            }}
          >
            {i18n._("start.confirm_change")}
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        form.setValue("mobile", values.mobile);
        setConfirming(values);
      })}
      className="flex flex-col gap-6"
    >
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={errors.rail ? `${idPrefix}-rail-error` : undefined}
      >
        <legend className="mb-2 font-semibold">{i18n._("start.rail_legend")}</legend>
        {rails.map((option) => (
          <label
            key={option}
            className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border-2 border-slate-300 bg-white p-3 has-checked:border-brand-700 has-checked:bg-brand-50 has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600"
          >
            <input
              type="radio"
              value={option}
              {...form.register("rail")}
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
        {errors.rail ? (
          <p id={`${idPrefix}-rail-error`} className="text-sm font-medium text-red-700">
            {i18n._("start.rail_required")}
          </p>
        ) : null}
      </fieldset>
      <Controller
        control={form.control}
        name="mobile"
        render={({ field }) => (
          <MobileInput
            label={i18n._("start.mobile_label")}
            hint={i18n._("start.mobile_hint")}
            refusedMessage={i18n._("start.mobile_letters_refused")}
            name={field.name}
            ref={field.ref}
            onBlur={field.onBlur}
            value={field.value}
            onValueChange={field.onChange}
            error={fieldErrorMessage(i18n, errors.mobile?.message)}
          />
        )}
      />
      <Button type="submit" busy={busy} className="self-start">
        {i18n._("start.submit")}
      </Button>
    </form>
  );
}
