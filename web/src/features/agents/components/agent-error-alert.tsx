import { useLingui } from "@lingui/react";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { isApiRequestError } from "../../../lib/api-error.ts";

/** "Make another agent an admin first" for the last-admin refusal; the usual words otherwise. */
export function AgentErrorAlert({ error }: { error: unknown }) {
  const { i18n } = useLingui();
  if (isApiRequestError(error) && error.details.reason === "last_admin") {
    return <Alert>{i18n._("agents.error.last_admin")}</Alert>;
  }
  return <ApiErrorAlert error={error} />;
}
