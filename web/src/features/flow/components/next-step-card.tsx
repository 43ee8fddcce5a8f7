import { useLingui } from "@lingui/react";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { ReceiptActions } from "../../receipt/components/receipt-actions.tsx";
import type { StepOf } from "./step-types.ts";
import { useStartOver } from "./use-start-over.ts";

const texts = {
  aadhaar_pending: {
    title: { id: "next_step.aadhaar_pending.title" },
    body: { id: "next_step.aadhaar_pending.body" },
  },
  pan_pending: {
    title: { id: "next_step.pan_pending.title" },
    body: { id: "next_step.pan_pending.body" },
  },
  registration_complete: {
    title: { id: "next_step.registration_complete.title" },
    body: { id: "next_step.registration_complete.body" },
  },
} as const;

/**
 * Where this console stops and the agent carries on elsewhere (eko-api.md §8
 * A.5: no documented customer-account Aadhaar/PAN endpoint; Levin 2132 means
 * registered but the profile must be looked up again, §10 C.7).
 */
export function NextStepCard({ step }: { step: StepOf<"next_step"> }) {
  const { i18n } = useLingui();
  const startOver = useStartOver();
  const text = texts[step.reason];
  return (
    <Card>
      <PageHeading>{i18n._(text.title)}</PageHeading>
      <p>{i18n._(text.body)}</p>
      <ReceiptActions />
      <Button onClick={startOver} className="self-start">
        {i18n._("flow.next_customer")}
      </Button>
    </Card>
  );
}
