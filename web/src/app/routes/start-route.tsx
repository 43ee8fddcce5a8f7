import { useLingui } from "@lingui/react";
import { useLocation } from "wouter";
import type { Rail } from "#contract/rails.ts";
import { ApiErrorAlert } from "../../components/ui/api-error-alert.tsx";
import { Card } from "../../components/ui/card.tsx";
import { PageHeading } from "../../components/ui/page-heading.tsx";
import { useStartFlow } from "../../features/flow/api/start-flow.ts";
import { OpenFlowsList } from "../../features/flow/components/open-flows-list.tsx";
import { StartFlowForm } from "../../features/flow/components/start-flow-form.tsx";
import { stepEntryState, stepPath, stepSlug } from "../../features/flow/components/step-history.ts";
import { preloadRailScreen } from "../rail-screens.ts";

export function StartRoute() {
  const { i18n } = useLingui();
  const [, navigate] = useLocation();
  const startFlow = useStartFlow();

  function start(input: { rail: Rail; mobile: string }) {
    preloadRailScreen(input.rail);
    startFlow.mutate(input, {
      // Straight to the first step's own history entry (step-history.ts).
      onSuccess: (flow) => {
        const slug = stepSlug(flow.step);
        navigate(stepPath(flow.id, slug), { state: stepEntryState(flow.id, slug) });
      },
    });
  }

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <PageHeading level={1}>{i18n._("start.title")}</PageHeading>
        {startFlow.error ? (
          <ApiErrorAlert
            error={startFlow.error}
            onRetry={() => startFlow.variables && start(startFlow.variables)}
          />
        ) : null}
        <StartFlowForm busy={startFlow.isPending} onStart={start} />
      </Card>
      <OpenFlowsList />
    </div>
  );
}
