import type { Rail } from "../contract/rails.ts";
import { type CustomerRecord, FULL_KYC_FIGURES, NON_KYC_FIGURES } from "./model.ts";
import { findPersona } from "./personas.ts";

/** Enough for long benchmark runs with random mobiles; the oldest records go first. */
const MAX_RECORDS = 50_000;

export type CustomerStore = {
  /** The record for (initiator, rail, customer), seeded from the personas on first use. */
  get: (initiatorId: string, rail: Rail, customerId: string) => CustomerRecord;
  /** Forget everything; locked personas are locked again from now. */
  reset: () => void;
};

export function createCustomerStore(options: {
  now: () => number;
  lockoutSeconds: number;
}): CustomerStore {
  const records = new Map<string, CustomerRecord>();
  let startedAt = options.now();

  function seed(initiatorId: string, rail: Rail, customerId: string, key: string): CustomerRecord {
    const persona = findPersona(customerId);
    return {
      key,
      initiatorId,
      rail,
      customerId,
      stage: persona ? persona.stage[rail] : "not_enrolled",
      name: persona?.name ?? "",
      dob: persona?.dob ?? "",
      gender: persona?.gender ?? null,
      address: [],
      figures: { ...(persona?.figures ?? NON_KYC_FIGURES) },
      aadhaarLast4: null,
      lockedUntil: persona?.lockedFromStart ? startedAt + options.lockoutSeconds * 1000 : null,
      wrongAttempts: 0,
      walletId: null,
    };
  }

  return {
    get(initiatorId, rail, customerId) {
      const key = `${initiatorId}|${rail}|${customerId}`;
      const existing = records.get(key);
      if (existing) return existing;
      const record = seed(initiatorId, rail, customerId, key);
      records.set(key, record);
      if (records.size > MAX_RECORDS) {
        const oldest = records.keys().next().value;
        if (oldest !== undefined) records.delete(oldest);
      }
      return record;
    },
    reset() {
      records.clear();
      startedAt = options.now();
    },
  };
}

export function isEnrolled(record: CustomerRecord): boolean {
  return record.stage !== "not_enrolled" && record.stage !== "wallet_exists";
}

/** Onboard (A.2 / B.2 / C.2): Eko now knows the customer, mobile OTP outstanding. */
export function enroll(
  record: CustomerRecord,
  details: { name: string; dob: string; address: string[] },
): void {
  record.stage = "otp_pending";
  record.name = details.name;
  record.dob = details.dob;
  record.address = details.address;
  record.figures = { ...NON_KYC_FIGURES };
}

/**
 * A verified mobile OTP moves a just-onboarded customer on: customer-account
 * customers are done (309, non-KYC), PPI senders must validate Aadhaar next
 * (2136), like a real new sender (§9 B.4, §10 C.4).
 */
export function mobileVerified(record: CustomerRecord): void {
  if (record.stage !== "otp_pending") return;
  record.stage = record.rail === "customer-account" ? "complete" : "aadhaar_pending";
}

export function aadhaarVerified(record: CustomerRecord): void {
  if (record.stage === "aadhaar_pending") record.stage = "pan_pending";
}

/** PAN accepted: full KYC, with the PPI samples' 50,000 monthly limit. */
export function panAccepted(record: CustomerRecord): void {
  if (record.stage !== "pan_pending") return;
  record.stage = "complete";
  record.figures = { ...FULL_KYC_FIGURES, balance: record.figures.balance };
}

/** DigiKhata 300: the existing PayPoint wallet is now an Eko sender (non-KYC, state "2"). */
export function walletOpened(record: CustomerRecord): void {
  if (record.stage === "wallet_exists" || record.stage === "not_enrolled") {
    record.stage = "complete";
  }
}
