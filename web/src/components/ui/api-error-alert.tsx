import { useLingui } from "@lingui/react";
import type { ReactNode } from "react";
import { isApiRequestError } from "../../lib/api-error.ts";
import { errorMessage, isRetryable } from "../../lib/error-messages.ts";
import { Alert } from "./alert.tsx";
import { Button } from "./button.tsx";

type ApiErrorAlertProps = {
  error: unknown;
  /** Offered as "Try again" when trying again can help. */
  onRetry?: () => void;
  /** Other ways out: resend, start over. */
  actions?: ReactNode;
  className?: string;
};

/**
 * A failed request in plain words with a way forward. The request id is
 * shown small so support can find the server log line.
 */
export function ApiErrorAlert({ error, onRetry, actions, className }: ApiErrorAlertProps) {
  const { i18n } = useLingui();
  const ekoCode = isApiRequestError(error) ? error.details.ekoResponseTypeId : undefined;
  const requestId = isApiRequestError(error) ? error.requestId : null;
  const retry =
    onRetry && isRetryable(error) ? (
      <Button variant="secondary" onClick={onRetry}>
        {i18n._("common.try_again")}
      </Button>
    ) : null;
  return (
    <Alert
      className={className}
      actions={
        retry || actions ? (
          <>
            {retry}
            {actions}
          </>
        ) : undefined
      }
    >
      <p>{errorMessage(i18n, error)}</p>
      {ekoCode !== undefined || requestId ? (
        <p className="mt-1 text-xs text-slate-700">
          {ekoCode !== undefined ? i18n._("error.eko_code", { code: ekoCode }) : null}
          {ekoCode !== undefined && requestId ? " · " : null}
          {requestId ? i18n._("error.reference", { id: requestId }) : null}
        </p>
      ) : null}
    </Alert>
  );
}
