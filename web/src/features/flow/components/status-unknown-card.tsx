import { useLingui } from "@lingui/react";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { useRecheckFlow } from "../api/recheck-flow.ts";
import type { StepOf } from "./step-types.ts";

const actions = {
  onboard: { id: "status_unknown.action.onboard" },
  send_otp: { id: "status_unknown.action.send_otp" },
  verify_otp: { id: "status_unknown.action.verify_otp" },
  aadhaar: { id: "status_unknown.action.aadhaar" },
  pan: { id: "status_unknown.action.pan" },
} as const;

/**
 * A write to Eko timed out: it may or may not have happened. Sending it again
 * could register twice or burn an OTP, so the only action is a safe read.
 */
export function StatusUnknownCard({
  flowId,
  step,
}: {
  flowId: string;
  step: StepOf<"status_unknown">;
}) {
  const { i18n } = useLingui();
  const recheck = useRecheckFlow(flowId);
  // The re-check answered but Eko still could not say: tell the agent, keep the button.
  const stillUnknown = recheck.isSuccess && recheck.data.step.kind === "status_unknown";

  return (
    <Card>
      <PageHeading>{i18n._("status_unknown.title")}</PageHeading>
      <p>{i18n._(actions[step.action])}</p>
      <p>{i18n._("status_unknown.nothing_resent")}</p>
      {stillUnknown ? <Alert tone="warning">{i18n._("status_unknown.still_unknown")}</Alert> : null}
      {recheck.error ? <ApiErrorAlert error={recheck.error} /> : null}
      <Button busy={recheck.isPending} onClick={() => recheck.mutate()} className="self-start">
        {i18n._("status_unknown.recheck")}
      </Button>
    </Card>
  );
}
