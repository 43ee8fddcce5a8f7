import { useState } from "react";
import { apiClient } from "../../../lib/api-client.ts";
import { type SuccessBody, unwrap } from "../../../lib/api-error.ts";

export type SignInInput = { login: string; password: string };
/** The signed-in agent and their customers in progress (one round trip for the start page). */
export type SignedIn = SuccessBody<
  Awaited<ReturnType<(typeof apiClient.auth)["sign-in"]["$post"]>>
>;

type SignInState = { isPending: boolean; error: unknown };
type SignInCallbacks = {
  /** The agent is signed in; the form stays busy until a returned promise settles. */
  onSuccess: (signedIn: SignedIn) => void | Promise<void>;
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
      .then((signedIn) => onSuccess(signedIn))
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
