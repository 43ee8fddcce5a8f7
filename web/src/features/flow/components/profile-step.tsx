import { useLingui } from "@lingui/react";
import type { ReactNode } from "react";
import type { Identity } from "#contract/flow-view.ts";
import { Button } from "../../../components/ui/button.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import { ReceiptActions } from "../../receipt/components/receipt-actions.tsx";
import { ProfileCard } from "./profile-card.tsx";
import type { StepOf } from "./step-types.ts";
import { useStartOver } from "./use-start-over.ts";

type ProfileStepProps = {
  step: StepOf<"profile">;
  /** When the server last saved the flow: what the balance and limits are as of. */
  asOf: string;
  renderIdentity?: ((identity: Identity) => ReactNode) | undefined;
};

/** Done: the verified profile (as of when it was read), and the verified identity when the rail has one (Levin). */
export function ProfileStep({ step, asOf, renderIdentity }: ProfileStepProps) {
  const { i18n } = useLingui();
  const language = currentLanguage(i18n);
  const startOver = useStartOver();
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{i18n._("profile.title")}</PageHeading>
      {/* A profile opened later (from the list, after a refresh) is not live: say when it was read. */}
      <p className="text-sm text-slate-700">
        {i18n._("profile.as_of", { time: formatDateTime(asOf, language) })}
      </p>
      <ProfileCard profile={step.profile} />
      {step.identity && renderIdentity ? renderIdentity(step.identity) : null}
      <ReceiptActions />
      <Button onClick={startOver} className="self-start">
        {i18n._("flow.next_customer")}
      </Button>
    </div>
  );
}
