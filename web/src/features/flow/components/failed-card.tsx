import { useLingui } from "@lingui/react";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import type { StepOf } from "./step-types.ts";
import { useStartOver } from "./use-start-over.ts";

/** Eko refused, or answered with a code the console has no mapping for. */
export function FailedCard({ step }: { step: StepOf<"failed"> }) {
  const { i18n } = useLingui();
  const startOver = useStartOver();
  const rejected = step.reason === "rejected";
  return (
    <Card>
      <PageHeading>
        {i18n._(rejected ? "failed.rejected.title" : "failed.unknown.title")}
      </PageHeading>
      <p>{i18n._(rejected ? "failed.rejected.body" : "failed.unknown.body")}</p>
      {step.ekoResponseTypeId !== null || step.ekoMessage ? (
        <p className="text-sm text-slate-700">
          {step.ekoResponseTypeId !== null
            ? i18n._("error.eko_code", { code: step.ekoResponseTypeId })
            : null}
          {step.ekoResponseTypeId !== null && step.ekoMessage ? " · " : null}
          {/* Eko's own words, in English as Eko sent them. */}
          {step.ekoMessage ? <span lang="en">{step.ekoMessage}</span> : null}
        </p>
      ) : null}
      <Button onClick={startOver} className="self-start">
        {i18n._("flow.next_customer")}
      </Button>
    </Card>
  );
}
