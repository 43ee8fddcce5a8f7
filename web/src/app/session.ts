import type { QueryClient } from "@tanstack/react-query";
import { navigate } from "wouter/use-browser-location";
import { getMeQueryOptions } from "../features/sign-in/api/get-me.ts";
import {
  isSignInReason,
  type SignInReason,
} from "../features/sign-in/components/sign-in-reasons.ts";
import type { ApiRequestError } from "../lib/api-error.ts";

export const signInPath = "/sign-in";

/** Only same-app paths: never "//evil.example" or back to the sign-in page itself. */
export function safeReturnPath(value: string | null): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return "/";
  }
  if (value === signInPath || value.startsWith(`${signInPath}?`)) return "/";
  return value;
}

export function signInHref(returnTo: string, reason: SignInReason | null): string {
  const params = new URLSearchParams();
  if (returnTo !== "/") params.set("returnTo", returnTo);
  if (reason) params.set("reason", reason);
  const query = params.toString();
  return query ? `${signInPath}?${query}` : signInPath;
}

/**
 * Any 401 from the API: the session is gone (idle timeout, signed out in
 * another tab). Go to sign-in with the current path — a flow id included —
 * so the agent lands back on the same customer after signing in.
 */
export function handleUnauthenticated(queryClient: QueryClient, error: ApiRequestError): void {
  const { pathname, search } = window.location;
  if (pathname === signInPath) return;
  const reason = error.details.reason ?? null;
  const hadSession = queryClient.getQueryData(getMeQueryOptions().queryKey) !== undefined;
  // A session that simply ended while in use reads as an idle timeout to the agent.
  const shown = isSignInReason(reason) ? reason : hadSession ? "idle-timeout" : null;
  navigate(signInHref(safeReturnPath(pathname + search), shown), { replace: true });
  // Customer data must not stay in memory once the session is gone.
  queryClient.removeQueries();
}
