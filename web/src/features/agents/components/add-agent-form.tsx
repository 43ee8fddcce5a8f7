import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useForm } from "react-hook-form";
import { type NewAgentRequest, newAgentRequestSchema } from "#contract/agents.ts";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { isApiRequestError } from "../../../lib/api-error.ts";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { useAddAgent } from "../api/add-agent.ts";
import { applyServerFieldErrors, languageLabels, roleLabels } from "./agent-form-fields.ts";

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
  const message = (key: string | undefined) => fieldErrorMessage(i18n, key);
  const submit = (input: NewAgentRequest) =>
    add.mutate(input, {
      onSuccess: onAdded,
      onError: (error) => applyServerFieldErrors(form, fields, error),
    });
  const fieldErrorsOnly = isApiRequestError(add.error) && Boolean(add.error.details.fields);

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(submit)}
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
        error={message(errors.login?.message)}
        {...form.register("login")}
      />
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
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectInput label={i18n._("agents.role")} {...form.register("role")}>
          {(["agent", "admin"] as const).map((role) => (
            <option key={role} value={role}>
              {i18n._(roleLabels[role])}
            </option>
          ))}
        </SelectInput>
        <SelectInput label={i18n._("agents.language")} {...form.register("language")}>
          {(["en", "hi"] as const).map((language) => (
            <option key={language} value={language}>
              {i18n._(languageLabels[language])}
            </option>
          ))}
        </SelectInput>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={add.isPending}>
          {i18n._("agents.add_submit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {i18n._("agents.cancel")}
        </Button>
      </div>
    </form>
  );
}
