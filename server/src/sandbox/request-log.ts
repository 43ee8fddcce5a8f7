import type { Rail } from "../contract/rails.ts";

/**
 * What tests read back at GET /requests (eko-api.md §14.1 item 9). Only
 * routing facts — never OTPs, otp_ref_ids, Aadhaar numbers or tokens.
 */
export type RequestLogEntry = {
  method: string;
  /** Base and path, no query string. */
  path: string;
  rail: Rail | null;
  customer_id: string | null;
  client_ref_id: string | null;
  /**
   * The date of birth as Eko received it (onboarding calls), so a test can
   * prove a day-first entry reached Eko as the same day (issue #15 §3).
   */
  dob: string | null;
  response_type_id: number | null;
  http_status: number;
  /** The scenario or fault that shaped this answer, e.g. "scenario:2131", "fault:html". */
  override: string | null;
  at: string;
};

export type RequestLog = {
  add: (entry: RequestLogEntry) => void;
  /** Newest first. */
  list: () => RequestLogEntry[];
  reset: () => void;
};

export function createRequestLog(capacity = 500): RequestLog {
  const ring: RequestLogEntry[] = [];
  let next = 0;
  return {
    add(entry) {
      if (ring.length < capacity) ring.push(entry);
      else ring[next] = entry;
      next = (next + 1) % capacity;
    },
    list() {
      const ordered = ring.length < capacity ? ring : [...ring.slice(next), ...ring.slice(0, next)];
      return [...ordered].reverse();
    },
    reset() {
      ring.length = 0;
      next = 0;
    },
  };
}
