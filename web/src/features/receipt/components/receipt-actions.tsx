import { useQuery } from "@tanstack/react-query";
import { useRoute } from "wouter";
import { getFlowQueryOptions } from "../../flow/api/get-flow.ts";
import { getMeQueryOptions } from "../../sign-in/api/get-me.ts";
import { ReceiptPanel } from "./receipt-panel.tsx";

/**
 * Print and Share on a finished flow, placed by the step with no props: the
 * flow comes from the URL and the query cache (the flow route has loaded it),
 * the agent from the signed-in layout's `me`. Nothing else is fetched.
 */
export function ReceiptActions() {
  const [onFlow, params] = useRoute<{ flowId: string }>("/flow/:flowId/:step?");
  const flow = useQuery({ ...getFlowQueryOptions(params?.flowId ?? ""), enabled: onFlow });
  const me = useQuery({ ...getMeQueryOptions(), enabled: onFlow });
  if (!flow.data || !me.data) return null;
  return (
    <ReceiptPanel key={`${flow.data.id}:${flow.data.step.kind}`} flow={flow.data} agent={me.data} />
  );
}
