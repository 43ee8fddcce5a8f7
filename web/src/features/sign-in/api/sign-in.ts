import { useState } from "react";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import type { Agent } from "./get-me.ts";

export type SignInInput = { login: string; password: string };

type SignInState = { isPending: boolean; error: unknown };
type SignInCallbacks = {
  /** The agent is signed in; the form stays busy until a returned promise settles. */
  onSuccess: (agent: Agent) => void | Promise<void>;
  onError?: (error: unknown) => void;
};

/**
 * POST /api/auth/sign-in as a plain hook, not a react-query mutation: the
 * sign-in screen is live before the app's query client has loaded
 * (app/first-screen.tsx). The caller
 * stores the agent where it belongs. A 401 here is a wrong password for the
 * form to explain, never a redirect.
 */
export function useSignIn() {
  const [state, setState] = useState<SignInState>({ isPending: false, error: null });

  function mutate(input: SignInInput, { onSuccess, onError }: SignInCallbacks) {
    setState({ isPending: true, error: null });
    unwrap(apiClient.auth["sign-in"].$post({ json: input }))
      .then(({ agent }) => onSuccess(agent))
      .then(
        () => setState({ isPending: false, error: null }),
        (error: unknown) => {
          setState({ isPending: false, error });
          onError?.(error);
        },
      );
  }

  return { ...state, mutate };
}
