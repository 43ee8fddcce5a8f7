import type { Rail } from "../contract/rails.ts";

/**
 * The sandbox's SMS gateway. UAT sends no SMS at all (eko-api.md §2), so tests
 * and demos read the OTP here instead of hard-coding one. The Aadhaar OTP goes
 * to the "Aadhaar-linked phone", which the sandbox takes to be the customer's
 * own mobile (purpose "aadhaar").
 */
export type OutboxMessage = {
  mobile: string;
  otp: string;
  purpose: "mobile" | "aadhaar";
  rail: Rail;
  /** ISO 8601. */
  sent_at: string;
};

const PER_MOBILE = 20;
const MAX_MOBILES = 5_000;

export type Outbox = {
  send: (message: OutboxMessage) => void;
  /** Newest first. */
  read: (mobile: string) => OutboxMessage[];
  reset: () => void;
};

export function createOutbox(): Outbox {
  const byMobile = new Map<string, OutboxMessage[]>();
  return {
    send(message) {
      const messages = byMobile.get(message.mobile) ?? [];
      byMobile.delete(message.mobile); // re-insert: the map stays ordered by last use
      byMobile.set(message.mobile, [message, ...messages].slice(0, PER_MOBILE));
      if (byMobile.size > MAX_MOBILES) {
        const oldest = byMobile.keys().next().value;
        if (oldest !== undefined) byMobile.delete(oldest);
      }
    },
    read(mobile) {
      return [...(byMobile.get(mobile) ?? [])];
    },
    reset() {
      byMobile.clear();
    },
  };
}
