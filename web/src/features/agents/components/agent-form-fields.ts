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

/** Agent roles and languages as the forms offer them. */
export const roleLabels = {
  agent: { id: "agents.role.agent" },
  admin: { id: "agents.role.admin" },
} as const;
export const languageLabels = {
  en: { id: "language.en" },
  hi: { id: "language.hi" },
} as const;
