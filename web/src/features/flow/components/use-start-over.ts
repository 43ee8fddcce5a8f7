import { useQueryClient } from "@tanstack/react-query";
import { useLocation } from "wouter";
import { clearOnboardingDrafts } from "./onboarding-draft.ts";

/**
 * Back to the start screen for the next customer. The previous customer's
 * flow data is dropped from memory and any registration draft from the
 * tab's storage: counter PCs are shared.
 */
export function useStartOver(): () => void {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  return () => {
    clearOnboardingDrafts();
    navigate("/");
    queryClient.removeQueries({ queryKey: ["flows"] });
  };
}
