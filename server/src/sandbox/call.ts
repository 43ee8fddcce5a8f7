import type { Rail } from "../contract/rails.ts";
import type { SandboxDialect, SandboxSettings } from "../env.ts";
import {
  aadhaarPending,
  type Envelope,
  invalidOtp,
  otpFailed,
  panRequired,
  type WalletPair,
} from "./envelopes.ts";
import type { CustomerRecord, SandboxRandom } from "./model.ts";
import type { OtpBook, VerifyResult } from "./otp.ts";
import { profileFound } from "./profile.ts";
import { type Params, text } from "./request.ts";
import type { Operation, RouteDef } from "./routes.ts";
import type { WalletTokens } from "./wallet-token.ts";

/** What every handler gets: the validated call and the sandbox's services. */
export type Call = {
  op: Operation;
  route: RouteDef;
  rail: Rail;
  params: Params;
  record: CustomerRecord;
  /** settings.dialect, or the request's x-sandbox-dialect. */
  dialect: SandboxDialect;
  /** The request's URL: where the sandbox itself is reachable (the consent audio link). */
  url: string;
};

export type Services = {
  settings: SandboxSettings;
  now: () => number;
  random: SandboxRandom;
  otps: OtpBook;
  tokens: WalletTokens;
};

/** Levin's wallet pair, minted fresh on every answer that hands it out (§10 C.4). */
export function walletFor(record: CustomerRecord, services: Services): WalletPair {
  // SANDBOX-DEFINED: Eko's samples only ever show wallet_id "" (§15.13).
  record.walletId ??= `PPW${String(services.random.int(0, 1e12)).padStart(12, "0")}`;
  return {
    token: services.tokens.mint(record.initiatorId, record.customerId),
    id: record.walletId,
  };
}

/** C.5–C.7 need the token minted for this customer, unexpired, and the matching wallet_id. */
export function walletPresented(call: Call, services: Services): boolean {
  const token = text(call.params, "wallet_token");
  const walletId = text(call.params, "wallet_id");
  if (!token || !walletId || walletId !== call.record.walletId) return false;
  return services.tokens.check(token, call.record.initiatorId, call.record.customerId) === "ok";
}

/**
 * A failed OTP check in Eko's words. Levin's mobile OTP answers 2138 "Invalid
 * OTP" (legacy sample); everything else 2131 "Validate OTP Failed" with
 * rsid 302 (wrong) / 303 (expired), the codes of §7.2. SANDBOX-DEFINED: the
 * 2131 answer for customer-account and DigiKhata (no sample exists), the
 * `data` fields, and the lockout.
 */
export function otpFailureAnswer(
  result: Exclude<VerifyResult, { kind: "ok" }>,
  options: { levinMobile: boolean },
): Envelope {
  switch (result.kind) {
    case "wrong":
      return options.levinMobile
        ? invalidOtp(result.attemptsRemaining)
        : otpFailed(302, {
            description: "Wrong OTP",
            attempts_remaining: result.attemptsRemaining,
          });
    case "expired":
      return otpFailed(303, { description: "OTP expired" });
    case "stale":
      return otpFailed(303, { description: result.description });
    case "locked":
      return otpFailed(302, {
        description: "Too many wrong OTPs",
        attempts_remaining: 0,
        locked_until: new Date(result.lockedUntil).toISOString(),
        retry_after_seconds: result.retryAfterSeconds,
      });
  }
}

/** What a verified mobile OTP answers, from the customer's stage (§8 A.4, §9 B.4, §10 C.4). */
export function verifiedAnswer(record: CustomerRecord, services: Services): Envelope {
  const wallet = record.rail === "levin" ? walletFor(record, services) : undefined;
  switch (record.stage) {
    case "aadhaar_pending":
      return aadhaarPending(record.rail === "customer-account" ? "bare" : record.rail, wallet);
    case "pan_pending":
      return panRequired(record.rail === "levin" ? "levin-verify" : "application", wallet);
    default:
      return profileFound(
        record.rail === "customer-account" ? "account" : record.rail,
        record,
        wallet,
      );
  }
}
