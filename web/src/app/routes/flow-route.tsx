import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { Suspense } from "react";
import { ApiErrorAlert } from "../../components/ui/api-error-alert.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { getFlowQueryOptions } from "../../features/flow/api/get-flow.ts";
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

/** /flow/:flowId — the URL holds the flow, so refresh and Back resume from the server's state. */
export function FlowRoute({ flowId }: { flowId: string }) {
  const valid = flowIdPattern.test(flowId);
  const flow = useQuery({ ...getFlowQueryOptions(flowId), enabled: valid });

  if (!valid) return <FlowNotFound />;
  if (flow.isPending) return <Spinner />;
  if (flow.isError) {
    if (isApiRequestError(flow.error) && flow.error.status === 404) return <FlowNotFound />;
    return <ApiErrorAlert error={flow.error} onRetry={() => void flow.refetch()} />;
  }
  const RailScreen = railScreens[flow.data.rail];
  return (
    <Suspense fallback={<Spinner />}>
      <RailScreen flow={flow.data} />
    </Suspense>
  );
}
