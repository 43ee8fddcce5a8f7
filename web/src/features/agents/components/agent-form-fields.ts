import type { UseMutationResult } from "@tanstack/react-query";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { isApiRequestError } from "../../../lib/api-error.ts";

/** The server's 422/409 field errors (`details.fields`) onto the form's fields; true if any landed. */
export function applyServerFieldErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  fields: ReadonlyArray<Path<T>>,
  error: unknown,
): boolean {
  if (!isApiRequestError(error) || !error.details.fields) return false;
  let first = true;
  for (const [path, key] of Object.entries(error.details.fields)) {
    const field = fields.find((name) => name === path);
    if (!field) continue;
    form.setError(field, { type: "server", message: key }, { shouldFocus: first });
    first = false;
  }
  return !first;
}

/**
 * The add and edit forms' submit: send the checked values, put the server's
 * field errors on their fields. `fieldErrorsOnly` says the error is already
 * shown beside the fields, so no alert above them.
 */
export function useAgentFormSubmit<T extends FieldValues, Result>(
  form: UseFormReturn<T>,
  fields: ReadonlyArray<Path<T>>,
  mutation: UseMutationResult<Result, Error, T>,
  onSuccess: (result: Result) => void,
) {
  const submit = form.handleSubmit((input) =>
    mutation.mutate(input, {
      onSuccess,
      onError: (error) => applyServerFieldErrors(form, fields, error),
    }),
  );
  const fieldErrorsOnly =
    isApiRequestError(mutation.error) && Boolean(mutation.error.details.fields);
  return { submit, fieldErrorsOnly };
}

/** Agent roles and languages as the forms offer them. */
export const roleLabels = {
  agent: { id: "agents.role.agent" },
  admin: { id: "agents.role.admin" },
} as const;
export const languageLabels = {
  en: { id: "language.en" },
  hi: { id: "language.hi" },
} as const;
