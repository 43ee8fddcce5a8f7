import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { skipAuthRedirect: true },
    mutationFn: () => unwrap(apiClient.auth["sign-out"].$post()),
    // Customer data must not outlive the session on a shared counter PC.
    onSettled: () => queryClient.clear(),
  });
}
