import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import type { Language } from "../../../lib/i18n.ts";
import { getMeQueryOptions } from "./get-me.ts";

/** Remembers the agent's language on the server, so it follows them to any counter PC. */
export function useUpdateLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (language: Language) =>
      (await unwrap(apiClient.auth.me.language.$put({ json: { language } }))).agent,
    onSuccess: (agent) => {
      queryClient.setQueryData(getMeQueryOptions().queryKey, agent);
    },
  });
}
