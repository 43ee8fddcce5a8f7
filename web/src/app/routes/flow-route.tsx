import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { Suspense } from "react";
import { Link } from "wouter";
import { getFlowQueryOptions } from "../../components/flow/api/get-flow.ts";
import { ApiErrorAlert } from "../../components/ui/api-error-alert.tsx";
import { Card } from "../../components/ui/card.tsx";
import { PageHeading } from "../../components/ui/page-heading.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { isApiRequestError } from "../../lib/api-error.ts";
import { railScreens } from "../rail-screens.ts";

const flowIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

function FlowNotFound() {
  const { i18n } = useLingui();
  return (
    <Card>
      <PageHeading level={1}>{i18n._("flow.not_found.title")}</PageHeading>
      <p>{i18n._("flow.not_found.body")}</p>
      <Link
        href="/"
        className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
      >
        {i18n._("notfound.start")}
      </Link>
    </Card>
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
