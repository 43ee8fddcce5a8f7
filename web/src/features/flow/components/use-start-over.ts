import { useLingui } from "@lingui/react";
import { useQueryClient } from "@tanstack/react-query";
import { useLocation } from "wouter";
import { clearOnboardingDrafts } from "./onboarding-draft.ts";
import { hasUnsavedForm } from "./unsaved-form-guard.ts";

/**
 * Back to the start screen for the next customer. The previous customer's
 * flow data is dropped from memory and any registration draft from the
 * tab's storage: counter PCs are shared.
 */
export function useStartOver(): () => void {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { i18n } = useLingui();
  return () => {
    // A half-filled form is not dropped without asking.
    if (hasUnsavedForm() && !window.confirm(i18n._("flow.leave_unsaved_confirm"))) return;
    clearOnboardingDrafts();
    navigate("/");
    queryClient.removeQueries({ queryKey: ["flows"] });
  };
}
