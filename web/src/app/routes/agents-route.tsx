import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { AgentsPage } from "../../features/agents/components/agents-page.tsx";
import { getMeQueryOptions } from "../../features/sign-in/api/get-me.ts";
import { NotFoundCard } from "./not-found-route.tsx";

export function AgentsRoute() {
  const { i18n } = useLingui();
  // Already loaded by the signed-in layout.
  const me = useQuery(getMeQueryOptions());
  if (me.data?.role !== "admin") {
    return (
      <NotFoundCard title={i18n._("agents.admins_only")} body={i18n._("agents.admins_only_body")} />
    );
  }
  return <AgentsPage currentAgentId={me.data.id} />;
}
