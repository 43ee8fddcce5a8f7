import { useLingui } from "@lingui/react";
import { type ReactNode, useCallback, useState } from "react";
import { isApiRequestError } from "../../lib/api-error.ts";
import { errorMessage, isRetryable } from "../../lib/error-messages.ts";
import { Alert } from "./alert.tsx";
import { Button } from "./button.tsx";
import { RateLimitNotice } from "./rate-limit-notice.tsx";

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
  const wait =
    isApiRequestError(error) && error.code === "rate_limited"
      ? error.details.retryAfterSeconds
      : undefined;
  const [waitOverFor, setWaitOverFor] = useState<unknown>(null);
  const onWaitOver = useCallback(() => setWaitOverFor(error), [error]);
  const waiting = wait !== undefined && wait > 0 && waitOverFor !== error;
  const retry =
    onRetry && isRetryable(error) && !waiting ? (
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
      {wait !== undefined && wait > 0 && isApiRequestError(error) ? (
        <RateLimitNotice
          key={requestId ?? ""}
          retryAfterSeconds={wait}
          scope={error.details.scope}
          onWaitOver={onWaitOver}
        />
      ) : (
        <p>{errorMessage(i18n, error)}</p>
      )}
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
