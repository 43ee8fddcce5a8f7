import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useForm } from "react-hook-form";
import { type ChangePasswordRequest, changePasswordRequestSchema } from "#contract/agents.ts";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { isApiRequestError } from "../../../lib/api-error.ts";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { useChangePassword } from "../api/change-password.ts";

type Changed = Awaited<ReturnType<ReturnType<typeof useChangePassword>["mutateAsync"]>>;
const fields = ["currentPassword", "newPassword"] as const;

/**
 * After signing in with a one-time password (an admin reset it or added the
 * agent), the only thing the console offers: choose a password of their own.
 */
export function ChangePasswordScreen({
  onChanged,
  onSignOut,
}: {
  onChanged: (agent: Changed) => void;
  onSignOut: () => void;
}) {
  const { i18n } = useLingui();
  const change = useChangePassword();
  const form = useForm<ChangePasswordRequest>({
    resolver: zodResolver(changePasswordRequestSchema),
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  const { errors } = form.formState;

  function submit(input: ChangePasswordRequest) {
    change.mutate(input, {
      onSuccess: onChanged,
      onError: (error) => {
        if (!isApiRequestError(error) || !error.details.fields) return;
        for (const field of fields) {
          const key = error.details.fields[field];
          if (key) form.setError(field, { type: "server", message: key }, { shouldFocus: true });
        }
      },
    });
  }

  const serverError =
    isApiRequestError(change.error) && change.error.code === "validation_failed"
      ? null
      : change.error;

  return (
    <Card className="mx-auto w-full max-w-md">
      <PageHeading level={1}>{i18n._("password.title")}</PageHeading>
      <p>{i18n._("password.intro")}</p>
      {serverError ? <ApiErrorAlert error={serverError} /> : null}
      <form noValidate onSubmit={form.handleSubmit(submit)} className="flex flex-col gap-4">
        <TextInput
          label={i18n._("password.current")}
          hint={i18n._("password.current_hint")}
          type="password"
          autoComplete="current-password"
          error={fieldErrorMessage(i18n, errors.currentPassword?.message)}
          {...form.register("currentPassword")}
        />
        <TextInput
          label={i18n._("password.new")}
          hint={i18n._("password.new_hint")}
          type="password"
          autoComplete="new-password"
          error={fieldErrorMessage(i18n, errors.newPassword?.message)}
          {...form.register("newPassword")}
        />
        <Button type="submit" busy={change.isPending}>
          {i18n._("password.submit")}
        </Button>
      </form>
      <Button variant="ghost" onClick={onSignOut}>
        {i18n._("header.sign_out")}
      </Button>
    </Card>
  );
}
