import { useQueryClient } from "@tanstack/react-query";
import { useLocation } from "wouter";

/**
 * Back to the start screen for the next customer. The previous customer's
 * flow data is dropped from memory: counter PCs are shared.
 */
export function useStartOver(): () => void {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  return () => {
    navigate("/");
    queryClient.removeQueries({ queryKey: ["flows"] });
  };
}
