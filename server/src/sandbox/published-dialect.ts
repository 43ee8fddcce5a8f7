import { type SandboxDialect, sandboxDialects } from "../env.ts";
import type { Envelope } from "./envelopes.ts";
import type { CustomerRecord } from "./model.ts";
import type { VerifyResult } from "./otp.ts";
import type { RouteDef } from "./routes.ts";

/*
 * The sandbox speaking Eko's published dialect (SANDBOX_DIALECT=published or
 * `x-sandbox-dialect: published`): Levin C.5 / C.6 answer in the curated EPS
 * samples' 1388 shapes (eko-api.md §10 C.5, C.6 — also what
 * @ekoindia/eps-mock-server replays), and Levin Verify Sender OTP exists only
 * on its master path (Eko's current docs). Everything else is unchanged.
 */

/** The legacy shared Levin verify path (C.4 intent 19 / C.6 intent 20): absent in this dialect. */
const LEGACY_LEVIN_VERIFY = "/customer/account/:id/ppi-levin/otp/verify";

export function hiddenInDialect(route: RouteDef, dialect: SandboxDialect): boolean {
  return dialect === "published" && route.pattern === LEGACY_LEVIN_VERIFY;
}

export type DialectHeader =
  | { kind: "none" }
  | { kind: "invalid"; message: string }
  | { kind: "set"; dialect: SandboxDialect };

export function readDialectHeader(value: string | undefined): DialectHeader {
  const dialect = value?.trim().toLowerCase();
  if (dialect === undefined) return { kind: "none" };
  if (!(sandboxDialects as readonly string[]).includes(dialect)) {
    return {
      kind: "invalid",
      message: `x-sandbox-dialect must be one of ${sandboxDialects.join(", ")}`,
    };
  }
  return { kind: "set", dialect: dialect as SandboxDialect };
}

/** C.5 sent: the published sample, with a real reference; mobile_hint masks the customer's mobile. */
export function publishedAadhaarOtpSent(ref: string, record: CustomerRecord): Envelope {
  return {
    status: 0,
    response_status_id: 0,
    message: "Aadhaar OTP sent successfully",
    response_type_id: 1388,
    data: { otp_ref_id: ref, mobile_hint: `******${record.customerId.slice(-4)}` },
  };
}

/** C.6 verified: the published sample's identity fields. */
export function publishedAadhaarVerified(record: CustomerRecord): Envelope {
  const [year, month, day] = record.dob.split("-");
  return {
    status: 0,
    response_status_id: 0,
    message: "Aadhaar OTP verified successfully",
    response_type_id: 1388,
    data: {
      verified: true,
      name: record.name,
      gender: record.gender ?? "M",
      dob: record.dob ? `${day}-${month}-${year}` : "",
      masked_aadhaar: `XXXX-XXXX-${record.aadhaarLast4 ?? "0000"}`,
    },
  };
}

/**
 * C.6 failures: 302 wrong (the published sample, exactly), 303 expired (the
 * curated DMT-Levin text). SANDBOX-DEFINED: the stale-reference text and the
 * lockout's data fields (as in the default dialect).
 */
export function publishedOtpFailure(result: Exclude<VerifyResult, { kind: "ok" }>): Envelope {
  const envelope = (rsid: 302 | 303, message: string, data: Record<string, unknown> = {}) => ({
    status: 1,
    response_status_id: rsid,
    message,
    response_type_id: 1388,
    data,
  });
  switch (result.kind) {
    case "wrong":
      return envelope(302, "Wrong OTP. Please check and retry.");
    case "expired":
      return envelope(303, "OTP expired. Please regenerate.");
    case "stale":
      return envelope(303, `${result.description}. Please regenerate.`);
    case "locked":
      return envelope(302, "Too many wrong OTPs", {
        attempts_remaining: 0,
        locked_until: new Date(result.lockedUntil).toISOString(),
        retry_after_seconds: result.retryAfterSeconds,
      });
  }
}
