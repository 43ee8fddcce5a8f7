import type { QueryClient } from "@tanstack/react-query";
import { navigate } from "wouter/use-browser-location";
import { getMeQueryOptions } from "../features/sign-in/api/get-me.ts";

export const signInPath = "/sign-in";

/** Only same-app paths: never "//evil.example" or back to the sign-in page itself. */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return "/";
  }
  if (value === signInPath || value.startsWith(`${signInPath}?`)) return "/";
  return value;
}

export function signInHref(returnTo: string, expired: boolean): string {
  const params = new URLSearchParams();
  if (returnTo !== "/") params.set("returnTo", returnTo);
  if (expired) params.set("expired", "1");
  const query = params.toString();
  return query ? `${signInPath}?${query}` : signInPath;
}

/**
 * Any 401 from the API: the session is gone (idle timeout, signed out in
 * another tab). Go to sign-in with the current path — a flow id included —
 * so the agent lands back on the same customer after signing in.
 */
export function handleUnauthenticated(queryClient: QueryClient): void {
  const { pathname, search } = window.location;
  if (pathname === signInPath) return;
  const hadSession = queryClient.getQueryData(getMeQueryOptions().queryKey) !== undefined;
  navigate(signInHref(safeReturnPath(pathname + search), hadSession), { replace: true });
  // Customer data must not stay in memory once the session is gone.
  queryClient.removeQueries();
}
