import { useLingui } from "@lingui/react";
import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { isApiRequestError } from "../../../lib/api-error.ts";
import { errorMessage } from "../../../lib/error-messages.ts";
import type { Agent } from "../api/get-me.ts";
import { useSignIn } from "../api/sign-in.ts";

type SignInFormProps = {
  /** The session ended on its own (idle timeout) rather than never having started. */
  sessionExpired: boolean;
  onSignedIn: (agent: Agent) => void;
};

export function SignInForm({ sessionExpired, onSignedIn }: SignInFormProps) {
  const { i18n } = useLingui();
  const signIn = useSignIn();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<{ login: boolean; password: boolean }>({
    login: false,
    password: false,
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = { login: login.trim() === "", password: password === "" };
    setMissing(next);
    if (next.login || next.password || signIn.isPending) return;
    signIn.mutate(
      { login: login.trim(), password },
      {
        onSuccess: (agent) => onSignedIn(agent),
        onError: () => setPassword(""),
      },
    );
  }

  const error = signIn.error;
  const wrongCredentials = isApiRequestError(error) && error.code === "unauthenticated";

  return (
    <Card className="mx-auto w-full max-w-md">
      <PageHeading level={1}>{i18n._("signin.title")}</PageHeading>
      {sessionExpired && !error ? <Alert tone="info">{i18n._("signin.session_expired")}</Alert> : null}
      {error ? (
        <Alert>
          {wrongCredentials ? i18n._("signin.error.wrong_credentials") : errorMessage(i18n, error)}
        </Alert>
      ) : null}
      <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-4">
        <TextInput
          label={i18n._("signin.login")}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={login}
          onChange={(event) => setLogin(event.target.value)}
          error={missing.login ? i18n._("signin.login_required") : undefined}
        />
        <TextInput
          label={i18n._("signin.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={missing.password ? i18n._("signin.password_required") : undefined}
        />
        <Button type="submit" busy={signIn.isPending}>
          {i18n._("signin.submit")}
        </Button>
      </form>
    </Card>
  );
}
