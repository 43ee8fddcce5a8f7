import { useLingui } from "@lingui/react";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { formatCountdown } from "../../../lib/format.ts";
import { useResendOtp } from "../api/resend-otp.ts";
import type { StepOf } from "./step-types.ts";
import { secondsUntil, useNow } from "./use-now.ts";
import { useStartOver } from "./use-start-over.ts";

/** Too many wrong OTPs: wait out the lock, then a fresh OTP (or a different customer). */
export function LockedCard({ flowId, step }: { flowId: string; step: StepOf<"locked"> }) {
  const { i18n } = useLingui();
  const resend = useResendOtp(flowId);
  const startOver = useStartOver();
  const waitSeconds = secondsUntil(step.until, useNow());
  const locked = waitSeconds > 0;

  return (
    <Card>
      <PageHeading>{i18n._("locked.title")}</PageHeading>
      <p>{i18n._(step.purpose === "aadhaar" ? "locked.body.aadhaar" : "locked.body.mobile")}</p>
      {locked ? (
        <p className="text-lg font-semibold" aria-live="off">
          {i18n._("locked.wait", { time: formatCountdown(waitSeconds) })}
        </p>
      ) : (
        <p className="font-semibold" role="status">
          {i18n._("locked.over")}
        </p>
      )}
      {resend.error ? <ApiErrorAlert error={resend.error} onRetry={() => resend.mutate()} /> : null}
      <div className="flex flex-wrap gap-3">
        <Button busy={resend.isPending} disabled={locked} onClick={() => resend.mutate()}>
          {i18n._("otp.resend")}
        </Button>
        <Button variant="secondary" onClick={startOver}>
          {i18n._("flow.next_customer")}
        </Button>
      </div>
    </Card>
  );
}
