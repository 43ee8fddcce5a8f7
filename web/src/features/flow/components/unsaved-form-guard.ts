import { useEffect } from "react";
import { setLeaveCheck } from "../../../lib/guarded-location.ts";

/**
 * "Leaving a half-filled form asks first" (issue #15 §1, §4). A form with typed
 * but unsent input registers here; Next customer asks before dropping it
 * (use-start-over.ts), Back, Forward and links ask (`useLeaveGuard`), and
 * closing or reloading the tab gets the browser's own "Leave site?" question. The registration form's draft survives a
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

/** Whether a click on this link stays in the app (wouter's <Link> and plain same-origin hrefs). */
function inAppLink(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement)) return false;
  if (anchor.target === "_blank" || anchor.hasAttribute("download")) return false;
  return anchor.origin === location.origin;
}

/**
 * Back, Forward and in-app links ask first too while a form is half filled
 * (issue #15 §1). Back and Forward are held by the router's location
 * (lib/guarded-location.ts) until this says yes; a link click is stopped in
 * the capture phase, before React's handler (wouter's <Link>) sees it.
 */
export function useLeaveGuard(question: string): void {
  useEffect(() => {
    const mayLeave = () => !hasUnsavedForm() || window.confirm(question);
    const onClick = (event: MouseEvent) => {
      if (!inAppLink(event) || mayLeave()) return;
      event.preventDefault();
      event.stopPropagation();
    };
    const resetLeaveCheck = setLeaveCheck(mayLeave);
    document.addEventListener("click", onClick, { capture: true });
    return () => {
      resetLeaveCheck();
      document.removeEventListener("click", onClick, { capture: true });
    };
  }, [question]);
}
