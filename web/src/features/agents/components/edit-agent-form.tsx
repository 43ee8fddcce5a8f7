import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useForm } from "react-hook-form";
import { type UpdateAgentRequest, updateAgentRequestSchema } from "#contract/agents.ts";
import type { ManagedAgent } from "../api/get-managed-agents.ts";
import { useUpdateAgent } from "../api/update-agent.ts";
import { AgentErrorAlert } from "./agent-error-alert.tsx";
import { useAgentFormSubmit } from "./agent-form-fields.ts";
import { AgentFormActions, AgentProfileFields } from "./agent-profile-fields.tsx";

const fields = ["name", "userCode", "role"] as const;

/** Name, Eko user code and role; the login never changes (it is in the audit trail). */
export function EditAgentForm({ agent, onDone }: { agent: ManagedAgent; onDone: () => void }) {
  const { i18n } = useLingui();
  const update = useUpdateAgent(agent.id);
  const form = useForm<UpdateAgentRequest>({
    resolver: zodResolver(updateAgentRequestSchema),
    defaultValues: { name: agent.name, userCode: agent.userCode, role: agent.role },
  });
  const { submit, fieldErrorsOnly } = useAgentFormSubmit(form, fields, update, onDone);
  const titleId = `edit-${agent.id}`;

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby={titleId}
      className="flex flex-col gap-4 border-t border-slate-200 pt-3"
    >
      <h3 id={titleId} className="font-bold">
        {i18n._("agents.edit_title", { login: agent.login })}
      </h3>
      {update.error && !fieldErrorsOnly ? <AgentErrorAlert error={update.error} /> : null}
      <AgentProfileFields register={form.register} errors={form.formState.errors} />
      <AgentFormActions
        submitLabel={i18n._("agents.save")}
        busy={update.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
