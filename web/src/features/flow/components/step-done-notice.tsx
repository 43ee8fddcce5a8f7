import { useLingui } from "@lingui/react";
import type { FlowView } from "#contract/flow-view.ts";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { railNames } from "./rail-names.ts";
import { stepSlug } from "./step-history.ts";
import { stepNames, unnamedStep } from "./step-names.ts";

type StepDoneNoticeProps = {
  flow: FlowView;
  /** The step this history entry showed, which the flow has left. */
  seenSlug: string;
  onContinue: () => void;
};

/**
 * Back (or Forward) to a step the flow has left: Eko's flows do not go back,
 * so the step is not offered again — the agent is told where the flow is and
 * goes there in one click. The heading takes focus, so the change is announced.
 */
export function StepDoneNotice({ flow, seenSlug, onContinue }: StepDoneNoticeProps) {
  const { i18n } = useLingui();
  const seen = i18n._(stepNames[seenSlug] ?? unnamedStep);
  const current = i18n._(stepNames[stepSlug(flow.step)] ?? unnamedStep);
  return (
    <Card>
      <p className="flex flex-wrap gap-x-2 text-sm text-slate-700">
        <span className="font-semibold text-slate-900">{i18n._(railNames[flow.rail])}</span>
        <span aria-hidden="true">·</span>
        <span>{i18n._("flow.customer_mobile", { mobile: flow.mobileMasked })}</span>
      </p>
      <PageHeading>{i18n._("flow.step_done.title", { step: seen })}</PageHeading>
      <p>{i18n._("flow.step_done.body", { current })}</p>
      <div>
        <Button onClick={onContinue}>{i18n._("flow.step_done.continue", { current })}</Button>
      </div>
    </Card>
  );
}
