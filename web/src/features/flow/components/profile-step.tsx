import { useLingui } from "@lingui/react";
import type { ReactNode } from "react";
import type { Identity } from "#contract/flow-view.ts";
import { Button } from "../../../components/ui/button.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { ReceiptActions } from "../../receipt/components/receipt-actions.tsx";
import { ProfileCard } from "./profile-card.tsx";
import type { StepOf } from "./step-types.ts";
import { useStartOver } from "./use-start-over.ts";

type ProfileStepProps = {
  step: StepOf<"profile">;
  renderIdentity?: ((identity: Identity) => ReactNode) | undefined;
};

/** Done: the verified profile, and the verified identity when the rail has one (Levin). */
export function ProfileStep({ step, renderIdentity }: ProfileStepProps) {
  const { i18n } = useLingui();
  const startOver = useStartOver();
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{i18n._("profile.title")}</PageHeading>
      <ProfileCard profile={step.profile} />
      {step.identity && renderIdentity ? renderIdentity(step.identity) : null}
      <ReceiptActions />
      <Button onClick={startOver} className="self-start">
        {i18n._("flow.next_customer")}
      </Button>
    </div>
  );
}
