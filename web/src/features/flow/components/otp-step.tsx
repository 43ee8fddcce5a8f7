import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useEffect, useRef } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { verifyOtpSchema } from "#contract/flow-requests.ts";
import type { Rail } from "#contract/rails.ts";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { OtpInput } from "../../../components/ui/otp-input.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { formatCountdown } from "../../../lib/format.ts";
import { hasServerFieldErrors, setServerFieldErrors } from "../../../lib/server-field-errors.ts";
import { useResendOtp } from "../api/resend-otp.ts";
import { useVerifyOtp } from "../api/verify-otp.ts";
import type { StepOf } from "./step-types.ts";
import { secondsUntil, useNow } from "./use-now.ts";

type OtpStepProps = { flowId: string; rail: Rail; step: StepOf<"otp"> };

const intros = {
  "customer-account": { id: "otp.intro.customer-account" },
  digikhata: { id: "otp.intro.digikhata" },
  levin: { id: "otp.intro.levin" },
} as const;

/**
 * The one OTP step for every rail and both purposes (the customer's mobile
 * OTP, the Aadhaar OTP). Wrong attempts, expiry and resend timing all come
 * from the server's FlowView; nothing is resent without the agent's click.
 */
export function OtpStep({ flowId, rail, step }: OtpStepProps) {
  const { i18n } = useLingui();
  const verify = useVerifyOtp(flowId);
  const resend = useResendOtp(flowId);
  const form = useForm<z.input<typeof verifyOtpSchema>>({
    resolver: zodResolver(verifyOtpSchema),
    defaultValues: { otp: "" },
  });
  const otp = form.watch("otp");
  const now = useNow();
  const expiresIn = secondsUntil(step.expiresAt, now);
  const resendIn = secondsUntil(step.resendAvailableAt, now);
  const expired = step.lastAttempt === "expired" || expiresIn === 0;
  const aadhaar = step.purpose === "aadhaar";
  const otpBoxes = useRef<HTMLInputElement>(null);
  const refocusAfterVerify = useRef(false);

  // The boxes are disabled while a code is checked, which drops focus; after a
  // wrong code the agent types the next one straight away (issue #15 §4).
  useEffect(() => {
    if (verify.isPending || !refocusAfterVerify.current) return;
    refocusAfterVerify.current = false;
    if (!expired) otpBoxes.current?.focus();
  }, [verify.isPending, expired]);

  function submit(code: string) {
    if (verify.isPending || resend.isPending || expired || code.length !== step.otpLength) return;
    resend.reset();
    refocusAfterVerify.current = true;
    // A wrong OTP comes back as a new FlowView (lastAttempt "wrong"): clear the boxes for the next try.
    verify.mutate(code, {
      onSuccess: () => form.reset({ otp: "" }),
      onError: (error) => setServerFieldErrors(form.setError, error, ["otp"]),
    });
  }

  const handleSubmit = form.handleSubmit(({ otp: code }) => submit(code));

  function sendAgain() {
    verify.reset();
    form.reset({ otp: "" });
    resend.mutate();
  }

  const destination = step.sentTo
    ? i18n._("otp.sent_to", { destination: step.sentTo })
    : i18n._("otp.sent_to_aadhaar_mobile");

  return (
    <Card>
      <PageHeading>{i18n._(aadhaar ? "otp.title.aadhaar" : "otp.title.mobile")}</PageHeading>
      <p>{i18n._(aadhaar ? { id: "otp.intro.aadhaar" } : intros[rail])}</p>
      <p className="font-semibold">{destination}</p>

      {expired ? (
        <Alert tone="warning" title={i18n._("otp.expired.title")}>
          {i18n._("otp.expired.body")}
        </Alert>
      ) : step.lastAttempt === "wrong" && !verify.isPending ? (
        <Alert title={i18n._("otp.wrong.title")}>
          {i18n._("otp.wrong.attempts_left", { count: step.attemptsLeft })}
        </Alert>
      ) : null}
      {resend.isSuccess && !expired ? <Alert tone="success">{i18n._("otp.resent")}</Alert> : null}
      {verify.error && !hasServerFieldErrors(verify.error, ["otp"]) ? (
        <ApiErrorAlert error={verify.error} onRetry={() => submit(verify.variables ?? otp)} />
      ) : null}
      {resend.error ? <ApiErrorAlert error={resend.error} onRetry={sendAgain} /> : null}

      <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-4">
        <Controller
          control={form.control}
          name="otp"
          render={({ field, fieldState }) => (
            <OtpInput
              ref={(element) => {
                field.ref(element);
                otpBoxes.current = element;
              }}
              label={i18n._("otp.label")}
              hint={
                expired ? undefined : i18n._("otp.expires_in", { time: formatCountdown(expiresIn) })
              }
              length={step.otpLength}
              value={field.value}
              onChange={(value) => {
                field.onChange(value);
                if (fieldState.error) form.clearErrors("otp");
              }}
              onComplete={submit}
              disabled={expired || verify.isPending}
              error={fieldErrorMessage(i18n, fieldState.error?.message)}
            />
          )}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="submit"
            busy={verify.isPending}
            disabled={expired || otp.length !== step.otpLength}
          >
            {i18n._("otp.verify")}
          </Button>
          <Button
            variant="secondary"
            busy={resend.isPending}
            disabled={resendIn > 0 || verify.isPending}
            aria-describedby={resendIn > 0 ? `${flowId}-resend-wait` : undefined}
            onClick={sendAgain}
          >
            {i18n._("otp.resend")}
          </Button>
          {resendIn > 0 ? (
            <span id={`${flowId}-resend-wait`} className="text-sm text-slate-700">
              {i18n._("otp.resend_in", { time: formatCountdown(resendIn) })}
            </span>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
