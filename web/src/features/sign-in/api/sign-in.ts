import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { getMeQueryOptions } from "./get-me.ts";

export type SignInInput = { login: string; password: string };

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    // A 401 here means a wrong password, not an ended session: no redirect.
    meta: { skipAuthRedirect: true },
    mutationFn: async (input: SignInInput) =>
      (await unwrap(apiClient.auth["sign-in"].$post({ json: input }))).agent,
    onSuccess: (agent) => {
      queryClient.setQueryData(getMeQueryOptions().queryKey, agent);
    },
  });
}
