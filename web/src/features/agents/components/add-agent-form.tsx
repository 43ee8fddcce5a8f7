import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useForm } from "react-hook-form";
import { type NewAgentRequest, newAgentRequestSchema } from "#contract/agents.ts";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { useAddAgent } from "../api/add-agent.ts";
import { languageLabels, useAgentFormSubmit } from "./agent-form-fields.ts";
import { AgentFormActions, AgentProfileFields } from "./agent-profile-fields.tsx";

type Added = Awaited<ReturnType<ReturnType<typeof useAddAgent>["mutateAsync"]>>;
const fields = ["login", "name", "userCode", "role", "language"] as const;

export function AddAgentForm({
  onAdded,
  onCancel,
}: {
  onAdded: (added: Added) => void;
  onCancel: () => void;
}) {
  const { i18n } = useLingui();
  const add = useAddAgent();
  const form = useForm<NewAgentRequest>({
    resolver: zodResolver(newAgentRequestSchema),
    defaultValues: { login: "", name: "", userCode: "", role: "agent", language: "en" },
  });
  const { errors } = form.formState;
  const { submit, fieldErrorsOnly } = useAgentFormSubmit(form, fields, add, onAdded);

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="add-agent-title"
      className="flex flex-col gap-4 rounded-lg border border-slate-300 p-3 sm:p-4"
    >
      <h2 id="add-agent-title" className="text-lg font-bold">
        {i18n._("agents.add_title")}
      </h2>
      {add.error && !fieldErrorsOnly ? <ApiErrorAlert error={add.error} /> : null}
      <TextInput
        label={i18n._("agents.login")}
        hint={i18n._("agents.login_hint")}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        error={fieldErrorMessage(i18n, errors.login?.message)}
        {...form.register("login")}
      />
      <AgentProfileFields
        register={form.register}
        errors={errors}
        besideRole={
          <SelectInput label={i18n._("agents.language")} {...form.register("language")}>
            {(["en", "hi"] as const).map((language) => (
              <option key={language} value={language}>
                {i18n._(languageLabels[language])}
              </option>
            ))}
          </SelectInput>
        }
      />
      <AgentFormActions
        submitLabel={i18n._("agents.add_submit")}
        busy={add.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
