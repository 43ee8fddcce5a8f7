import type { Rail } from "../contract/rails.ts";

/** What an Eko endpoint does, independent of which path family reached it. */
export type Operation =
  | "get-info"
  | "onboard"
  | "resend-otp"
  | "verify-otp"
  | "consent-languages"
  | "consent-details"
  | "aadhaar-otp"
  | "aadhaar-verify"
  | "pan";

/**
 * `verify-by-intent` is the legacy shared verify path: `intent_id` 19 verifies
 * the mobile OTP, 20 the Aadhaar OTP (eko-api.md §9 B.0, §10 C.0).
 */
export type RouteOperation = Operation | "verify-by-intent";

export type HttpMethod = "GET" | "POST" | "PUT";

export type RouteDef = {
  method: HttpMethod;
  /** Path below `/ekoapi/v3`; `:id` is the customer mobile. No `:id` → `customer_id` comes in the body. */
  pattern: string;
  op: RouteOperation;
  /** `service-code`: legacy paths shared by customer-account and DigiKhata; `service_code=80` means DigiKhata. */
  rail: Rail | "service-code";
  family: "master" | "legacy";
  /** eko-api.md step, for the request log and for readers. */
  step: string;
};

const DK = "/customer/payment/ppi-digikhata/sender/:id";
const LV = "/customer/payment/ppi-levin/sender/:id";

function route(
  method: HttpMethod,
  pattern: string,
  op: RouteOperation,
  rail: RouteDef["rail"],
  family: RouteDef["family"],
  step: string,
): RouteDef {
  return { method, pattern, op, rail, family, step };
}

/**
 * Every path the sandbox answers (eko-api.md §8 A.0–A.4, §9 B.0, §10 C.0).
 * Literal paths come before `:id` paths with the same shape, so
 * `POST /customer/account/otp` is the legacy resend, not an onboard of "otp".
 */
export const routeTable: readonly RouteDef[] = [
  // Flow A — customer account (and the legacy paths DigiKhata shares with it).
  route("POST", "/customer/account/otp", "resend-otp", "customer-account", "legacy", "A.3"),
  route("PUT", "/customer/account/otp/verify", "verify-otp", "customer-account", "legacy", "A.4"),
  route("GET", "/customer/profile/:id", "get-info", "service-code", "master", "A.1/B.1"),
  route("POST", "/customer/account", "onboard", "service-code", "legacy", "A.2/B.2"),
  route("POST", "/customer/account/:id", "onboard", "customer-account", "master", "A.2"),
  route(
    "POST",
    "/customer/account/:id/otp/verify",
    "verify-otp",
    "customer-account",
    "master",
    "A.4",
  ),

  // Flow B — PPI DigiKhata, master paths.
  route("GET", DK, "get-info", "digikhata", "master", "B.1"),
  route("POST", DK, "onboard", "digikhata", "master", "B.2"),
  route("POST", `${DK}/otp`, "resend-otp", "digikhata", "master", "B.3"),
  route("POST", `${DK}/otp/verify`, "verify-otp", "digikhata", "master", "B.4"),
  route(
    "GET",
    `${DK}/aadhaar/consent/languages`,
    "consent-languages",
    "digikhata",
    "master",
    "B.5",
  ),
  route("GET", `${DK}/aadhaar/consent/details`, "consent-details", "digikhata", "master", "B.6"),
  route("POST", `${DK}/aadhaar/otp`, "aadhaar-otp", "digikhata", "master", "B.7"),
  route("POST", `${DK}/aadhaar/otp/verify`, "aadhaar-verify", "digikhata", "master", "B.8"),
  route("POST", `${DK}/pan`, "pan", "digikhata", "master", "B.9"),
  // Flow B — legacy paths.
  route(
    "POST",
    "/customer/account/:id/ppi/otp/verify",
    "verify-by-intent",
    "digikhata",
    "legacy",
    "B.4/B.8",
  ),
  route("POST", "/customer/account/:id/ppi/aadhaar", "aadhaar-otp", "digikhata", "legacy", "B.7"),
  route("POST", "/customer/account/:id/ppi/pan", "pan", "digikhata", "legacy", "B.9"),

  // Flow C — PPI Levin, master paths (EPS documents no master resend).
  route("GET", LV, "get-info", "levin", "master", "C.1"),
  route("POST", LV, "onboard", "levin", "master", "C.2"),
  route("POST", `${LV}/otp/verify`, "verify-otp", "levin", "master", "C.4"),
  route("POST", `${LV}/aadhaar/otp`, "aadhaar-otp", "levin", "master", "C.5"),
  route("POST", `${LV}/aadhaar/otp/verify`, "aadhaar-verify", "levin", "master", "C.6"),
  route("POST", `${LV}/pan`, "pan", "levin", "master", "C.7"),
  // Flow C — legacy paths (the shared verify path is the one live today, §10 C.0).
  route("POST", "/customer/profile/:id/ppi-levin/otp", "resend-otp", "levin", "legacy", "C.3"),
  route(
    "POST",
    "/customer/account/:id/ppi-levin/otp/verify",
    "verify-by-intent",
    "levin",
    "legacy",
    "C.4/C.6",
  ),
  route("POST", "/customer/account/:id/ppi-levin/aadhaar", "aadhaar-otp", "levin", "legacy", "C.5"),
  route("POST", "/customer/account/:id/ppi-levin/pan", "pan", "levin", "legacy", "C.7"),
];

export type RouteMatch =
  | { kind: "found"; route: RouteDef; pathCustomerId: string | null }
  | { kind: "wrong-method"; allow: HttpMethod[] }
  | { kind: "not-found" };

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPattern(pattern: string, path: string): { id: string | null } | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  let id: string | null = null;
  for (const [index, segment] of want.entries()) {
    const actual = got[index] as string;
    if (segment === ":id") {
      if (actual === "") return null;
      id = safeDecode(actual);
    } else if (segment !== actual) {
      return null;
    }
  }
  return { id };
}

/** `path` is below the `/ekoapi/v3` base; one trailing slash is tolerated. */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  const path = rawPath.length > 1 && rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath;
  const allow = new Set<HttpMethod>();
  for (const route of routeTable) {
    const matched = matchPattern(route.pattern, path);
    if (!matched) continue;
    if (route.method === method) return { kind: "found", route, pathCustomerId: matched.id };
    allow.add(route.method);
  }
  return allow.size > 0 ? { kind: "wrong-method", allow: [...allow] } : { kind: "not-found" };
}
