import type { SignInReason } from "../features/sign-in/components/sign-in-reasons.ts";

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
 * Where a 401 sends the browser: sign-in, with the current path — a flow id
 * included — so the agent lands back on the same customer afterwards. Null
 * when the browser is on the sign-in page already.
 */
export function signInRedirect(
  location: { pathname: string; search: string },
  reason: SignInReason | null,
): string | null {
  if (location.pathname === signInPath) return null;
  return signInHref(safeReturnPath(location.pathname + location.search), reason);
}
