import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getManagedAgentsQueryOptions } from "./get-managed-agents.ts";

/** Every change on the Agents page refreshes the list (and the activity filter's names). */
export function useAgentMutation<Input, Result>(mutationFn: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: getManagedAgentsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: ["agents"] }),
      ]),
  });
}
