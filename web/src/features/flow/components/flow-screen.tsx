import { useLingui } from "@lingui/react";
import type { FlowView } from "#contract/flow-view.ts";
import { railNames } from "./rail-names.ts";
import { SandboxPhonePanel } from "./sandbox-phone-panel.tsx";
import { type RailSteps, StepSwitch, stepKey } from "./step-switch.tsx";

type FlowScreenProps = { flow: FlowView; railSteps?: RailSteps };

/** One customer's flow: who and which service, the current step, and the sandbox phone. */
export function FlowScreen({ flow, railSteps }: FlowScreenProps) {
  const { i18n } = useLingui();
  return (
    <div className="flex flex-col gap-4">
      <p className="flex flex-wrap gap-x-2 text-sm text-slate-700">
        <span className="font-semibold text-slate-900">{i18n._(railNames[flow.rail])}</span>
        <span aria-hidden="true">·</span>
        <span>{i18n._("flow.customer_mobile", { mobile: flow.mobileMasked })}</span>
      </p>
      <StepSwitch key={stepKey(flow.step)} flow={flow} railSteps={railSteps} />
      <SandboxPhonePanel flowId={flow.id} polling={flow.step.kind === "otp"} />
    </div>
  );
}
