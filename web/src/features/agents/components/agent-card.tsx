import { useLingui } from "@lingui/react";
import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import type { ManagedAgent } from "../api/get-managed-agents.ts";
import { useResetAgentPassword } from "../api/reset-agent-password.ts";
import { useSetAgentEnabled } from "../api/set-agent-enabled.ts";
import { AgentErrorAlert } from "./agent-error-alert.tsx";
import { languageLabels, roleLabels } from "./agent-form-fields.ts";
import { EditAgentForm } from "./edit-agent-form.tsx";

/** One agent: who they are, their state, and what an admin can do about it. */
export function AgentCard({
  agent,
  isSelf,
  onPasswordIssued,
}: {
  agent: ManagedAgent;
  isSelf: boolean;
  onPasswordIssued: (login: string, password: string) => void;
}) {
  const { i18n } = useLingui();
  const language = currentLanguage(i18n);
  const [editing, setEditing] = useState(false);
  const setEnabled = useSetAgentEnabled(agent.id);
  const reset = useResetAgentPassword(agent.id);
  const error = setEnabled.error ?? reset.error;
  const titleId = `agent-${agent.id}`;

  return (
    <li
      aria-labelledby={titleId}
      className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-3"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={titleId} className="font-bold">
          {agent.name} <span className="font-normal text-slate-700">({agent.login})</span>
        </h2>
        <div className="flex flex-wrap gap-2">
          <StatusBadge tone={agent.disabled ? "danger" : "success"}>
            {i18n._(agent.disabled ? "agents.status.disabled" : "agents.status.enabled")}
          </StatusBadge>
          {agent.mustChangePassword ? (
            <StatusBadge tone="warning">{i18n._("agents.status.must_change")}</StatusBadge>
          ) : null}
        </div>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-700">{i18n._("agents.role")}</dt>
        <dd>{i18n._(roleLabels[agent.role])}</dd>
        <dt className="text-slate-700">{i18n._("agents.user_code")}</dt>
        <dd className="tabular-nums">{agent.userCode}</dd>
        <dt className="text-slate-700">{i18n._("agents.language")}</dt>
        <dd>{i18n._(languageLabels[agent.language])}</dd>
        <dt className="text-slate-700">{i18n._("agents.last_sign_in")}</dt>
        <dd>
          {agent.lastSignInAt ? (
            <time dateTime={agent.lastSignInAt}>
              {formatDateTime(agent.lastSignInAt, language)}
            </time>
          ) : (
            i18n._("agents.never_signed_in")
          )}
        </dd>
      </dl>
      {error ? <AgentErrorAlert error={error} /> : null}
      {editing ? (
        <EditAgentForm agent={agent} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            {i18n._("agents.edit")}
          </Button>
          <Button
            variant={agent.disabled ? "secondary" : "danger"}
            size="sm"
            busy={setEnabled.isPending}
            onClick={() => setEnabled.mutate(agent.disabled)}
          >
            {i18n._(agent.disabled ? "agents.enable" : "agents.disable")}
          </Button>
          {isSelf ? null : (
            <Button
              variant="secondary"
              size="sm"
              busy={reset.isPending}
              onClick={() =>
                reset.mutate(undefined, {
                  onSuccess: (result) => onPasswordIssued(agent.login, result.oneTimePassword),
                })
              }
            >
              {i18n._("agents.reset_password")}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
