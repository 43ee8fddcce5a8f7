import { useMutation } from "@tanstack/react-query";
import type { ChangePasswordRequest } from "#contract/agents.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";

/** POST /api/auth/password: resolves with the agent, now without `mustChangePassword`. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (input: ChangePasswordRequest) =>
      (await unwrap(apiClient.auth.password.$post({ json: input }))).agent,
  });
}
