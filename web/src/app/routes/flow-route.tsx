import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Alert } from "../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../components/ui/api-error-alert.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { getFlowQueryOptions } from "../../features/flow/api/get-flow.ts";
import { isOwnWrite } from "../../features/flow/api/own-writes.ts";
import { useStepHistory } from "../../features/flow/components/use-step-history.ts";
import { isApiRequestError } from "../../lib/api-error.ts";
import { railScreens } from "../rail-screens.ts";
import { NotFoundCard } from "./not-found-route.tsx";

const flowIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

function FlowNotFound() {
  const { i18n } = useLingui();
  return (
    <NotFoundCard title={i18n._("flow.not_found.title")} body={i18n._("flow.not_found.body")} />
  );
}

/**
 * Whether the flow moved on elsewhere since this screen showed it: a newer
 * version this tab did not write (another tab, a colleague's window).
 */
function useMovedElsewhere(flowId: string, updatedAt: string | undefined): boolean {
  const shown = useRef<string | undefined>(undefined);
  const [moved, setMoved] = useState(false);
  useEffect(() => {
    if (updatedAt === undefined) return;
    if (shown.current !== undefined && shown.current !== updatedAt) {
      setMoved(!isOwnWrite(flowId, updatedAt));
    }
    shown.current = updatedAt;
  }, [flowId, updatedAt]);
  return moved;
}

// Only Back/Forward to a step the flow has left shows it: not in the first chunk.
const StepDoneNotice = lazy(() =>
  import("../../features/flow/components/step-done-notice.tsx").then((module) => ({
    default: module.StepDoneNotice,
  })),
);

/**
 * /flow/:flowId/:step? — the URL holds the flow and the step on screen, so
 * refresh resumes from the server's state and each step the agent reaches is
 * a history entry (Back and Forward between them: use-step-history.ts). The flow is read again every few seconds and when the tab
 * gets focus, so a second tab on the same flow follows it — and says so —
 * instead of jumping after a refused write (409).
 */
export function FlowRoute({ flowId, step }: { flowId: string; step?: string | undefined }) {
  const { i18n } = useLingui();
  const valid = flowIdPattern.test(flowId);
  const flow = useQuery({
    ...getFlowQueryOptions(flowId),
    enabled: valid,
    refetchInterval: 5_000,
    refetchOnWindowFocus: true,
  });
  const moved = useMovedElsewhere(flowId, flow.data?.updatedAt);
  const history = useStepHistory(flowId, step, flow.data);

  if (!valid) return <FlowNotFound />;
  if (flow.isPending) return <Spinner />;
  if (flow.isError) {
    if (isApiRequestError(flow.error) && flow.error.status === 404) return <FlowNotFound />;
    return <ApiErrorAlert error={flow.error} onRetry={() => void flow.refetch()} />;
  }
  if (history.route?.show === "done") {
    return (
      <Suspense fallback={<Spinner />}>
        <StepDoneNotice
          key={history.route.seenSlug}
          flow={flow.data}
          seenSlug={history.route.seenSlug}
          onContinue={history.goToCurrent}
        />
      </Suspense>
    );
  }
  const RailScreen = railScreens[flow.data.rail];
  return (
    <Suspense fallback={<Spinner />}>
      {moved ? (
        <Alert tone="info" className="mb-4">
          {i18n._("flow.moved_elsewhere")}
        </Alert>
      ) : null}
      <RailScreen flow={flow.data} />
    </Suspense>
  );
}
