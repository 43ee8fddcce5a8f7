import { useLingui } from "@lingui/react";
import type { ReactNode } from "react";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import type { UpdateAgentRequest } from "#contract/agents.ts";
import { Button } from "../../../components/ui/button.tsx";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { roleLabels } from "./agent-form-fields.ts";

/** The fields an admin sets both when adding an agent and when editing one. */
type AgentProfile = UpdateAgentRequest;

/**
 * Name, Eko user code and role, wired to the caller's react-hook-form form
 * (its zodResolver and contract schema check them). `besideRole` sits next
 * to the role select: the add form's language.
 */
export function AgentProfileFields({
  register,
  errors,
  besideRole,
}: {
  register: UseFormRegister<AgentProfile>;
  errors: FieldErrors<AgentProfile>;
  besideRole?: ReactNode;
}) {
  const { i18n } = useLingui();
  const message = (key: string | undefined) => fieldErrorMessage(i18n, key);
  const role = (
    <SelectInput label={i18n._("agents.role")} {...register("role")}>
      {(["agent", "admin"] as const).map((value) => (
        <option key={value} value={value}>
          {i18n._(roleLabels[value])}
        </option>
      ))}
    </SelectInput>
  );
  return (
    <>
      <TextInput
        label={i18n._("agents.name")}
        autoComplete="off"
        error={message(errors.name?.message)}
        {...register("name")}
      />
      <TextInput
        label={i18n._("agents.user_code")}
        hint={i18n._("agents.user_code_hint")}
        inputMode="numeric"
        autoComplete="off"
        error={message(errors.userCode?.message)}
        {...register("userCode")}
      />
      {besideRole ? (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {role}
          {besideRole}
        </div>
      ) : (
        role
      )}
    </>
  );
}

/** The forms' submit (busy while the request is in flight) and cancel. */
export function AgentFormActions({
  submitLabel,
  busy,
  onCancel,
}: {
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
}) {
  const { i18n } = useLingui();
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        {i18n._("agents.cancel")}
      </Button>
    </div>
  );
}
