import { useLingui } from "@lingui/react";
import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { isApiRequestError } from "../../../lib/api-error.ts";
import { errorMessage } from "../../../lib/error-messages.ts";
import { type SignedIn, useSignIn } from "../api/sign-in.ts";
import { type SignInReason, signInReasonMessages } from "./sign-in-reasons.ts";

type SignInFormProps = {
  /** Why the previous session ended, if it did (idle timeout…). */
  reason: SignInReason | null;
  /** The form stays busy until a returned promise settles (the first screen hands over to the app). */
  onSignedIn: (signedIn: SignedIn) => void | Promise<void>;
  /** Shown but not usable yet: the pre-rendered copy (SignInScreen `prerendered`). */
  disabled?: boolean;
};

/** Plain words for a failed sign-in: wrong password, disabled account, or "try again in 12 minutes". */
function useSignInErrorText(error: unknown): string | null {
  const { i18n } = useLingui();
  if (!error) return null;
  if (isApiRequestError(error) && error.code === "unauthenticated") {
    if (error.details.reason === "disabled") return i18n._(signInReasonMessages.disabled);
    // Warn before the lock, not only once it has happened (issue #15 §4).
    const triesLeft = error.details.triesLeft;
    return triesLeft === undefined
      ? i18n._("signin.error.wrong_credentials")
      : i18n._("signin.error.tries_left", { count: triesLeft });
  }
  const wait = isApiRequestError(error) ? error.details.retryAfterSeconds : undefined;
  const scope = isApiRequestError(error) ? error.details.scope : undefined;
  if (
    isApiRequestError(error) &&
    error.code === "rate_limited" &&
    wait !== undefined &&
    scope !== "address"
  ) {
    // Locked: say whom to ask, not only how long to wait.
    return i18n._("signin.error.locked", { minutes: Math.max(1, Math.ceil(wait / 60)) });
  }
  return errorMessage(i18n, error);
}

export function SignInForm({ reason, onSignedIn, disabled = false }: SignInFormProps) {
  const { i18n } = useLingui();
  const signIn = useSignIn();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState({ login: false, password: false });
  const errorText = useSignInErrorText(signIn.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = { login: login.trim() === "", password: password === "" };
    setMissing(next);
    if (next.login || next.password || signIn.isPending) return;
    signIn.mutate(
      { login: login.trim(), password },
      { onSuccess: onSignedIn, onError: () => setPassword("") },
    );
  }

  return (
    <Card className="mx-auto w-full max-w-md">
      <PageHeading level={1}>{i18n._("signin.title")}</PageHeading>
      {reason && !errorText ? (
        <Alert tone={reason === "disabled" ? "error" : "info"}>
          {i18n._(signInReasonMessages[reason])}
        </Alert>
      ) : null}
      {errorText ? <Alert>{errorText}</Alert> : null}
      <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-4">
        <TextInput
          label={i18n._("signin.login")}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          disabled={disabled}
          value={login}
          onChange={(event) => setLogin(event.target.value)}
          error={missing.login ? i18n._("field.login_required") : undefined}
        />
        <TextInput
          label={i18n._("signin.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          disabled={disabled}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={missing.password ? i18n._("field.password_required") : undefined}
        />
        <Button type="submit" busy={signIn.isPending} disabled={disabled}>
          {i18n._("signin.submit")}
        </Button>
      </form>
    </Card>
  );
}
