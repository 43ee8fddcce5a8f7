import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { getManagedAgentsQueryOptions } from "../api/get-managed-agents.ts";
import { AddAgentForm } from "./add-agent-form.tsx";
import { AgentCard } from "./agent-card.tsx";
import { OneTimePasswordNotice } from "./one-time-password-notice.tsx";

/** Admins: every agent, add one, and change, disable or reset them. */
export function AgentsPage({ currentAgentId }: { currentAgentId: string }) {
  const { i18n } = useLingui();
  const agents = useQuery(getManagedAgentsQueryOptions());
  const [adding, setAdding] = useState(false);
  const [issued, setIssued] = useState<{ login: string; password: string } | null>(null);

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <PageHeading level={1}>{i18n._("agents.title")}</PageHeading>
        <p>{i18n._("agents.intro")}</p>
        {issued ? (
          <OneTimePasswordNotice
            login={issued.login}
            password={issued.password}
            onDone={() => setIssued(null)}
          />
        ) : null}
        {adding ? (
          <AddAgentForm
            onCancel={() => setAdding(false)}
            onAdded={(added) => {
              setAdding(false);
              setIssued({ login: added.agent.login, password: added.oneTimePassword });
            }}
          />
        ) : (
          <Button className="self-start" onClick={() => setAdding(true)}>
            {i18n._("agents.add")}
          </Button>
        )}
      </Card>
      <section aria-busy={agents.isFetching} className="flex flex-col gap-3">
        {agents.isPending ? <Spinner /> : null}
        {agents.isError ? (
          <ApiErrorAlert error={agents.error} onRetry={() => void agents.refetch()} />
        ) : null}
        {agents.data ? (
          <ul className="flex flex-col gap-2">
            {agents.data.map((agent) => (
              <AgentCard
                key={agent.id}
                agent={agent}
                isSelf={agent.id === currentAgentId}
                onPasswordIssued={(login, password) => setIssued({ login, password })}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
