import { useEffect } from "react";

/**
 * "Leaving a half-filled form asks first" (issue #15 §4). A form with typed
 * but unsent input registers here; Next customer asks before dropping it
 * (use-start-over.ts), and closing or reloading the tab gets the browser's
 * own "Leave site?" question. The registration form's draft survives a
 * reload anyway (onboarding-draft.ts), but not the next customer.
 */
let dirtyForms = 0;

export function hasUnsavedForm(): boolean {
  return dirtyForms > 0;
}

export function useUnsavedFormGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    dirtyForms += 1;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      dirtyForms -= 1;
      window.removeEventListener("beforeunload", warn);
    };
  }, [dirty]);
}
