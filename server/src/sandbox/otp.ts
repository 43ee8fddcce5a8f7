import type { SandboxSettings } from "../env.ts";
import type { CustomerRecord, Intent, SandboxRandom } from "./model.ts";
import type { Outbox } from "./outbox.ts";

/*
 * OTP issue / verify. Eko documents none of the policy here (eko-api.md §7.5,
 * §15.11): lifetime, attempt limit, lockout, resend interval and what happens
 * to a replaced reference are all sandbox-defined and configurable.
 */

type Entry = {
  recordKey: string;
  intent: Intent;
  otp: string;
  expiresAt: number;
  state: "active" | "replaced" | "used";
};

export type IssueResult = { kind: "sent"; ref: string } | { kind: "too-soon"; waitSeconds: number };

export type VerifyResult =
  | { kind: "ok" }
  | { kind: "wrong"; attemptsRemaining: number }
  | { kind: "expired" }
  | { kind: "stale"; description: string }
  | { kind: "locked"; lockedUntil: number; retryAfterSeconds: number };

export type OtpBook = {
  /** `enforceInterval: false` for get-info, whose OTP is a side effect of a lookup. */
  issue: (
    record: CustomerRecord,
    intent: Intent,
    options: { enforceInterval: boolean },
  ) => IssueResult;
  /** `ref` null: legacy PUT /customer/account/otp/verify, which sends no otp_ref_id (§8 A.4). */
  verify: (record: CustomerRecord, intent: Intent, ref: string | null, otp: string) => VerifyResult;
  reset: () => void;
};

const MAX_REFS = 20_000;

/** Same lengths as Eko's samples: 88-char mobile refs, 152-char Aadhaar refs (§13). */
const REF_BYTES: Record<Intent, number> = { 19: 64, 20: 112 };

export function createOtpBook(deps: {
  settings: Pick<
    SandboxSettings,
    "fixedOtp" | "otpTtlSeconds" | "maxAttempts" | "lockoutSeconds" | "resendIntervalSeconds"
  >;
  now: () => number;
  random: SandboxRandom;
  outbox: Outbox;
}): OtpBook {
  const { settings, now, random, outbox } = deps;
  const refs = new Map<string, Entry>();
  const active = new Map<string, string>(); // `${recordKey}|${intent}` → ref
  const lastSent = new Map<string, number>();

  function remember(ref: string, entry: Entry): void {
    refs.set(ref, entry);
    if (refs.size > MAX_REFS) {
      const oldest = refs.keys().next().value;
      if (oldest !== undefined) refs.delete(oldest);
    }
  }

  function lockState(record: CustomerRecord, at: number): VerifyResult | null {
    if (record.lockedUntil === null) return null;
    if (at < record.lockedUntil) {
      return {
        kind: "locked",
        lockedUntil: record.lockedUntil,
        retryAfterSeconds: Math.ceil((record.lockedUntil - at) / 1000),
      };
    }
    record.lockedUntil = null;
    record.wrongAttempts = 0;
    return null;
  }

  return {
    issue(record, intent, { enforceInterval }) {
      const at = now();
      const slot = `${record.key}|${intent}`;
      const previous = lastSent.get(slot);
      const interval = settings.resendIntervalSeconds * 1000;
      if (enforceInterval && previous !== undefined && at - previous < interval) {
        return { kind: "too-soon", waitSeconds: Math.ceil((previous + interval - at) / 1000) };
      }
      const replaced = active.get(slot);
      const replacedEntry = replaced === undefined ? undefined : refs.get(replaced);
      if (replacedEntry?.state === "active") replacedEntry.state = "replaced";

      const otp = settings.fixedOtp ?? String(random.int(0, 1_000_000)).padStart(6, "0");
      const ref = random.bytes(REF_BYTES[intent]).toString("base64");
      remember(ref, {
        recordKey: record.key,
        intent,
        otp,
        expiresAt: at + settings.otpTtlSeconds * 1000,
        state: "active",
      });
      active.set(slot, ref);
      lastSent.set(slot, at);
      outbox.send({
        mobile: record.customerId,
        otp,
        purpose: intent === 19 ? "mobile" : "aadhaar",
        rail: record.rail,
        sent_at: new Date(at).toISOString(),
      });
      return { kind: "sent", ref };
    },

    verify(record, intent, ref, otp) {
      const at = now();
      // A lockout answers every verify, right OTP or not.
      const locked = lockState(record, at);
      if (locked) return locked;

      const resolvedRef = ref ?? active.get(`${record.key}|${intent}`) ?? null;
      const entry = resolvedRef === null ? undefined : refs.get(resolvedRef);
      if (!entry || entry.recordKey !== record.key || entry.intent !== intent) {
        return { kind: "stale", description: "OTP reference not recognised" };
      }
      if (entry.state !== "active") {
        return { kind: "stale", description: "OTP reference no longer valid" };
      }
      if (at >= entry.expiresAt) return { kind: "expired" };

      if (otp !== entry.otp) {
        // Wrong attempts count per customer and rail, not per reference, so a
        // resend does not buy a fresh set of guesses.
        record.wrongAttempts += 1;
        if (record.wrongAttempts >= settings.maxAttempts) {
          entry.state = "replaced";
          record.wrongAttempts = 0;
          record.lockedUntil = at + settings.lockoutSeconds * 1000;
          return {
            kind: "locked",
            lockedUntil: record.lockedUntil,
            retryAfterSeconds: settings.lockoutSeconds,
          };
        }
        return { kind: "wrong", attemptsRemaining: settings.maxAttempts - record.wrongAttempts };
      }
      entry.state = "used";
      record.wrongAttempts = 0;
      return { kind: "ok" };
    },

    reset() {
      refs.clear();
      active.clear();
      lastSent.clear();
    },
  };
}
