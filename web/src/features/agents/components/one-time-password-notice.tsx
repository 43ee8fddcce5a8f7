import { useLingui } from "@lingui/react";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";

/**
 * The one-time password, on screen once: it is not stored in clear and the
 * API never returns it again. The admin reads it out or writes it down.
 */
export function OneTimePasswordNotice({
  login,
  password,
  onDone,
}: {
  login: string;
  password: string;
  onDone: () => void;
}) {
  const { i18n } = useLingui();
  return (
    <Alert
      tone="success"
      title={i18n._("agents.one_time.title", { login })}
      actions={<Button onClick={onDone}>{i18n._("agents.one_time.done")}</Button>}
    >
      <p>{i18n._("agents.one_time.body")}</p>
      <p className="mt-2">
        <span className="sr-only">{i18n._("agents.one_time.label")} </span>
        <code
          data-testid="one-time-password"
          className="rounded bg-white px-2 py-1 font-mono text-lg tracking-wider text-slate-900"
        >
          {password}
        </code>
      </p>
    </Alert>
  );
}
