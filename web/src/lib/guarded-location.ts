import { useSyncExternalStore } from "react";
import { navigate } from "wouter/use-browser-location";

/*
 * The router's location, with Back and Forward held until they may leave
 * (issue #15 §1: a half-filled form asks first). wouter's own hook reads
 * `location` directly, so any render between the browser's traversal and its
 * `popstate` — a poll, a timer — already shows the next page and drops the
 * form. Here the router sees a traversal only once `popstate` has been let
 * through; a refused one puts the entry the agent was on back on top of the
 * history (its state included), and the screen never changes.
 */

type Entry = { path: string; url: string; state: unknown };

const read = (): Entry => ({
  path: location.pathname,
  url: `${location.pathname}${location.search}${location.hash}`,
  state: history.state,
});

const listeners = new Set<() => void>();
let shown: Entry | null = null;
/** Unwatched (no router mounted), the entry is simply the browser's. */
const current = (): Entry => {
  if (shown === null || listeners.size === 0) shown = read();
  return shown;
};
let mayLeave: () => boolean = () => true;

function show(): void {
  const next = read();
  if (shown && next.url === shown.url && next.state === shown.state) return;
  shown = next;
  for (const listener of listeners) listener();
}

function onTraverse(): void {
  if (mayLeave()) {
    show();
    return;
  }
  const stay = current();
  history.pushState(stay.state, "", stay.url);
}

// wouter's patched history methods announce every push and replace as events.
const events = [
  ["popstate", onTraverse],
  ["pushState", show],
  ["replaceState", show],
] as const;

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    shown = read();
    for (const [name, handler] of events) window.addEventListener(name, handler);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      for (const [name, handler] of events) window.removeEventListener(name, handler);
    }
  };
}

/** wouter's location hook (`<Router hook={useGuardedLocation}>`). */
export function useGuardedLocation(): [string, typeof navigate] {
  const path = useSyncExternalStore(
    subscribe,
    () => current().path,
    () => "/",
  );
  return [path, navigate];
}

/** `history.state` of the entry the router shows. */
export function useGuardedHistoryState(): unknown {
  return useSyncExternalStore(
    subscribe,
    () => current().state,
    () => null,
  );
}

/** Asked before a Back or Forward is let through; returns the previous check's reset. */
export function setLeaveCheck(check: () => boolean): () => void {
  mayLeave = check;
  return () => {
    if (mayLeave === check) mayLeave = () => true;
  };
}
