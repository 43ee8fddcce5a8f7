import { useLingui } from "@lingui/react";
import { Button } from "../../../components/ui/button.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import type { StepOf } from "../../flow/components/step-types.ts";
import { useStartOver } from "../../flow/components/use-start-over.ts";
import { ReceiptActions } from "../../receipt/components/receipt-actions.tsx";
import { IdentityCard } from "./identity-card.tsx";

/** Aadhaar verified and Eko asks for nothing more (no PAN). */
export function IdentityStep({ step }: { step: StepOf<"identity"> }) {
  const { i18n } = useLingui();
  const startOver = useStartOver();
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{i18n._("identity.step_title")}</PageHeading>
      <IdentityCard identity={step.identity} />
      <ReceiptActions />
      <Button onClick={startOver} className="self-start">
        {i18n._("flow.next_customer")}
      </Button>
    </div>
  );
}
