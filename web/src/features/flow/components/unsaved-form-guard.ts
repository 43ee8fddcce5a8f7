import { useEffect } from "react";

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

type Entry = { url: string; state: unknown };
const currentEntry = (): Entry => ({
  url: `${location.pathname}${location.search}${location.hash}`,
  state: history.state,
});

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
 * (issue #15 §1). Both listeners capture, so they run before wouter's
 * (popstate) and React's (click): a "no" stops the event there. Back itself
 * cannot be cancelled, so a "no" puts the entry the agent was on back on top
 * of the history (its state included) before wouter reads the location: the
 * screen never changes and the form keeps what was typed.
 */
export function useLeaveGuard(question: string): void {
  useEffect(() => {
    let shown = currentEntry();
    const remember = () => {
      shown = currentEntry();
    };
    const onPopState = (event: PopStateEvent) => {
      if (hasUnsavedForm() && !window.confirm(question)) {
        event.stopImmediatePropagation();
        history.pushState(shown.state, "", shown.url);
        return;
      }
      remember();
    };
    const onClick = (event: MouseEvent) => {
      if (!inAppLink(event) || !hasUnsavedForm() || window.confirm(question)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    // wouter's patched history methods announce every push and replace as events.
    window.addEventListener("pushState", remember);
    window.addEventListener("replaceState", remember);
    window.addEventListener("popstate", onPopState, { capture: true });
    document.addEventListener("click", onClick, { capture: true });
    return () => {
      window.removeEventListener("pushState", remember);
      window.removeEventListener("replaceState", remember);
      window.removeEventListener("popstate", onPopState, { capture: true });
      document.removeEventListener("click", onClick, { capture: true });
    };
  }, [question]);
}
