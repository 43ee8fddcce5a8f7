import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useForm } from "react-hook-form";
import { type UpdateAgentRequest, updateAgentRequestSchema } from "#contract/agents.ts";
import { Button } from "../../../components/ui/button.tsx";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { isApiRequestError } from "../../../lib/api-error.ts";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import type { ManagedAgent } from "../api/get-managed-agents.ts";
import { useUpdateAgent } from "../api/update-agent.ts";
import { AgentErrorAlert } from "./agent-error-alert.tsx";
import { applyServerFieldErrors, roleLabels } from "./agent-form-fields.ts";

const fields = ["name", "userCode", "role"] as const;

/** Name, Eko user code and role; the login never changes (it is in the audit trail). */
export function EditAgentForm({ agent, onDone }: { agent: ManagedAgent; onDone: () => void }) {
  const { i18n } = useLingui();
  const update = useUpdateAgent(agent.id);
  const form = useForm<UpdateAgentRequest>({
    resolver: zodResolver(updateAgentRequestSchema),
    defaultValues: { name: agent.name, userCode: agent.userCode, role: agent.role },
  });
  const { errors } = form.formState;
  const message = (key: string | undefined) => fieldErrorMessage(i18n, key);
  const submit = (input: UpdateAgentRequest) =>
    update.mutate(input, {
      onSuccess: onDone,
      onError: (error) => applyServerFieldErrors(form, fields, error),
    });
  const fieldErrorsOnly = isApiRequestError(update.error) && Boolean(update.error.details.fields);
  const titleId = `edit-${agent.id}`;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(submit)}
      aria-labelledby={titleId}
      className="flex flex-col gap-4 border-t border-slate-200 pt-3"
    >
      <h3 id={titleId} className="font-bold">
        {i18n._("agents.edit_title", { login: agent.login })}
      </h3>
      {update.error && !fieldErrorsOnly ? <AgentErrorAlert error={update.error} /> : null}
      <TextInput
        label={i18n._("agents.name")}
        autoComplete="off"
        error={message(errors.name?.message)}
        {...form.register("name")}
      />
      <TextInput
        label={i18n._("agents.user_code")}
        hint={i18n._("agents.user_code_hint")}
        inputMode="numeric"
        autoComplete="off"
        error={message(errors.userCode?.message)}
        {...form.register("userCode")}
      />
      <SelectInput label={i18n._("agents.role")} {...form.register("role")}>
        {(["agent", "admin"] as const).map((role) => (
          <option key={role} value={role}>
            {i18n._(roleLabels[role])}
          </option>
        ))}
      </SelectInput>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={update.isPending}>
          {i18n._("agents.save")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {i18n._("agents.cancel")}
        </Button>
      </div>
    </form>
  );
}
