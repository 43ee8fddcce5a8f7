import { type Call, type Services, walletFor } from "./call.ts";
import {
  aadhaarPending,
  aadhaarRejected,
  businessCode,
  type Envelope,
  genericEnvelope,
  invalidOtp,
  invalidWalletToken,
  notEnrolled,
  otpFailed,
  otpSent,
  panRequired,
  registrationCompleted,
  validationFailed,
  walletExists,
} from "./envelopes.ts";
import { otpStatusStyle } from "./flow-handlers.ts";
import { profileFound } from "./profile.ts";
import { isEnrolled, walletOpened } from "./state.ts";

/*
 * Scenario overrides (eko-api.md §14.1 item 8): force the answer for one call
 * by `response_type_id`, through the `x-sandbox-scenario` header or the queue
 * (`POST /scenarios`, for tests that drive the console, which cannot set
 * headers). Keyed by type id, not by response_status_id like eps-mock-server
 * (§14), so 308 and 2136 can be chosen independently.
 *
 * A forced answer keeps the customer's state consistent with what it said, so
 * the console can carry on: 2129 issues a real OTP (in the outbox) and enrols
 * the customer; 2136 / 2147 / 309 / 2132 / 300 move the stage. Failure
 * answers (308, 2138, 2131, -1, …) change nothing.
 */

export const faults = ["403", "500", "slow", "malformed", "html", "reset"] as const;
export type Fault = (typeof faults)[number];

export type Override = { scenario: number | null; fault: Fault | null; delayMs: number | null };

export function isFault(value: string): value is Fault {
  return (faults as readonly string[]).includes(value);
}

/** The invalid_params field a forced -1 names, so the console can show it on a real field. */
function fieldFor(call: Call): string {
  switch (call.op) {
    case "onboard":
      return "name";
    case "verify-otp":
    case "aadhaar-verify":
      return "otp";
    case "aadhaar-otp":
      return "aadhar";
    case "pan":
      return "pan_number";
    default:
      return "customer_id";
  }
}

export function scenarioAnswer(id: number, call: Call, services: Services): Envelope {
  const { record, rail, op } = call;
  const levinWallet = () => (rail === "levin" ? walletFor(record, services) : undefined);
  switch (id) {
    case 308:
      return notEnrolled();
    case 2129: {
      if (!isEnrolled(record)) record.stage = "otp_pending";
      const aadhaarStep = op === "aadhaar-otp" || op === "aadhaar-verify";
      const issued = services.otps.issue(record, aadhaarStep ? 20 : 19, { enforceInterval: false });
      const ref = issued.kind === "sent" ? issued.ref : "";
      const echo = aadhaarStep ? (rail === "levin" && op === "aadhaar-otp" ? "" : 20) : 19;
      return otpSent(otpStatusStyle(call), ref, echo);
    }
    case 309:
      record.stage = "complete";
      if (op === "pan") return profileFound("account", record);
      return profileFound(rail === "customer-account" ? "account" : rail, record, levinWallet());
    case 2136:
      record.stage = "aadhaar_pending";
      if (op === "pan" || rail === "customer-account") return aadhaarPending("bare");
      return aadhaarPending(rail, levinWallet());
    case 2147:
      record.stage = "pan_pending";
      if (rail === "levin" && op === "aadhaar-verify") return panRequired("levin-legacy");
      if (rail === "levin" && op === "verify-otp")
        return panRequired("levin-verify", levinWallet());
      return panRequired("application");
    case 2132:
      record.stage = "complete";
      return registrationCompleted();
    case 2138:
      return op === "aadhaar-otp" ? aadhaarRejected() : invalidOtp();
    case 2131:
      // The legacy Levin sample, exactly: rsid 1, empty description.
      return otpFailed(1, { description: "" });
    case 300:
      walletOpened(record);
      return walletExists(record);
    case -1:
      return validationFailed({ [fieldFor(call)]: "Rejected by sandbox scenario -1" });
    case 463:
      return invalidWalletToken();
    case 319:
    case 327:
    case 585:
      return businessCode(id);
    default:
      return genericEnvelope(id);
  }
}

type Queued = Override & { mobile: string; remaining: number };

export type ScenarioQueue = {
  add: (entry: Queued) => void;
  /** The next override queued for this mobile, used up by this call. */
  take: (mobile: string) => Override | null;
  list: () => Queued[];
  clear: (mobile?: string) => void;
};

export function createScenarioQueue(): ScenarioQueue {
  let queue: Queued[] = [];
  return {
    add(entry) {
      queue.push({ ...entry });
    },
    take(mobile) {
      const entry = queue.find((queued) => queued.mobile === mobile);
      if (!entry) return null;
      entry.remaining -= 1;
      if (entry.remaining <= 0) queue = queue.filter((queued) => queued !== entry);
      return { scenario: entry.scenario, fault: entry.fault, delayMs: entry.delayMs };
    },
    list() {
      return queue.map((entry) => ({ ...entry }));
    },
    clear(mobile) {
      queue = mobile === undefined ? [] : queue.filter((entry) => entry.mobile !== mobile);
    },
  };
}

export type HeaderOverride =
  | { kind: "none" }
  | { kind: "invalid"; message: string }
  | ({ kind: "set" } & Override);

/** x-sandbox-scenario / x-sandbox-fault / x-sandbox-delay-ms. A typo is a 400, never ignored. */
export function readOverrideHeaders(header: (name: string) => string | undefined): HeaderOverride {
  const scenario = header("x-sandbox-scenario")?.trim();
  const fault = header("x-sandbox-fault")?.trim().toLowerCase();
  const delay = header("x-sandbox-delay-ms")?.trim();
  if (scenario === undefined && fault === undefined) return { kind: "none" };
  if (scenario !== undefined && !/^-?\d{1,6}$/.test(scenario)) {
    return { kind: "invalid", message: "x-sandbox-scenario must be a response_type_id (integer)" };
  }
  if (fault !== undefined && !isFault(fault)) {
    return { kind: "invalid", message: `x-sandbox-fault must be one of ${faults.join(", ")}` };
  }
  if (delay !== undefined && !/^\d{1,6}$/.test(delay)) {
    return {
      kind: "invalid",
      message: "x-sandbox-delay-ms must be a whole number of milliseconds",
    };
  }
  return {
    kind: "set",
    scenario: scenario === undefined ? null : Number(scenario),
    fault: fault === undefined ? null : (fault as Fault),
    delayMs: delay === undefined ? null : Number(delay),
  };
}
