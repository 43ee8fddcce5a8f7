import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { isApiRequestError } from "./api-error.ts";

/**
 * A server 422's `details.fields` (path → error key, the same keys the
 * contract's zod schemas use) onto the form's own fields, focusing the first.
 * Returns whether any landed, so the form can skip a second, general alert.
 */
export function setServerFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: unknown,
  fields: readonly Path<T>[],
): boolean {
  if (!isApiRequestError(error) || !error.details.fields) return false;
  let first = true;
  for (const [path, key] of Object.entries(error.details.fields)) {
    if (!(fields as readonly string[]).includes(path)) continue;
    setError(path as Path<T>, { type: "server", message: key }, { shouldFocus: first });
    first = false;
  }
  return !first;
}

/** Whether a failed request's field errors name one of these fields (then they show on the field). */
export function hasServerFieldErrors(error: unknown, fields: readonly string[]): boolean {
  return (
    isApiRequestError(error) &&
    Object.keys(error.details.fields ?? {}).some((path) => fields.includes(path))
  );
}
