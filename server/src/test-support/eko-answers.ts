import type { Step } from "../contract/flow-view.ts";
import { type EkoAnswer, envelopeSchema } from "../eko/envelope.ts";
import type { FlowSecrets } from "../flows/flow-record.ts";
import type { MapContext } from "../flows/transition.ts";

/** Shared by the rail mapping tests: Eko answers as the samples in eko-api.md write them. */
export const NOW = new Date("2026-03-01T10:00:00.000Z");
export const POLICY = { ttlSeconds: 300, resendSeconds: 60, maxAttempts: 3 };
export const REF =
  "IXrygqm0vTNbN35Lp5AfcbP69ifPhQ1Ee3u74AHY5fA9aMp2d94Yii3g+9fOBmbMsVTuaEQpDOEateP4tSTkQw==";

export function answer(raw: Record<string, unknown>): EkoAnswer {
  return envelopeSchema.parse(raw);
}

export function otpStep(overrides: Partial<Extract<Step, { kind: "otp" }>> = {}): Step {
  return {
    kind: "otp",
    purpose: "mobile",
    sentTo: "••••••0001",
    otpLength: 6,
    expiresAt: "2026-03-01T10:05:00.000Z",
    resendAvailableAt: "2026-03-01T10:01:00.000Z",
    attemptsLeft: 3,
    lastAttempt: null,
    ...overrides,
  };
}

export function context(step: Step, secrets: FlowSecrets = {}): MapContext {
  return { now: NOW, policy: POLICY, mobile: "9000000001", step, secrets };
}

export const otpSentAnswer = (intent: 19 | 20 | "" = 19) =>
  answer({
    response_status_id: 1,
    data: { intent_id: intent, kyc_request_id: "", otp_ref_id: REF },
    response_type_id: 2129,
    message: "Validate the OTP",
    status: 2129,
  });
export const notEnrolledAnswer = answer({
  response_status_id: 1,
  data: { sender_name: "", ekyc_enabled: "" },
  response_type_id: 308,
  message: "Failure!Customer Not Enrolled",
  status: 308,
});
/** The A.4 "Karan Garg" 309 sample (§8). */
export const profileAnswer = answer({
  response_status_id: -1,
  data: {
    customer_profile: {
      total_monthly_limit: "50000.0",
      mobile: "9444444444",
      balance: "0.00",
      next_allowed_limit: "5287.0",
      name: "Karan Garg",
      chart: [
        { data_type_id: 10, data: { unavailable: 0, used: 44713, remaining: 5287 }, label: "" },
      ],
      kyc_state: 1,
    },
    sender_name: "Karan Garg",
    next_allowed_limit: 5287,
    kyc_state: 0,
    wallet_token: "eyJ.wallet.309",
    wallet_id: "",
  },
  response_type_id: 309,
  message: "Success!",
  status: 0,
});
export const aadhaarPendingAnswer = (data?: Record<string, unknown>) =>
  answer({
    response_status_id: 1,
    ...(data ? { data } : {}),
    response_type_id: 2136,
    message: "Aadhar Validation Pending",
    status: 2136,
  });
export const panRequiredAnswer = (data: Record<string, unknown> = { application_id: "" }) =>
  answer({
    response_status_id: 0,
    data,
    response_type_id: 2147,
    message: "Pan Number Required",
    status: 0,
  });
export const registrationCompleteAnswer = answer({
  response_status_id: 0,
  response_type_id: 2132,
  message: "Customer Registration Completed",
  status: 0,
});
export const wrongOtpAnswer = (attemptsRemaining?: number) =>
  answer({
    status: 2131,
    response_status_id: 302,
    response_type_id: 2131,
    message: "Validate OTP Failed",
    data: {
      description: "Wrong OTP",
      ...(attemptsRemaining === undefined ? {} : { attempts_remaining: attemptsRemaining }),
    },
  });
export const expiredOtpAnswer = answer({
  status: 2131,
  response_status_id: 303,
  response_type_id: 2131,
  message: "Validate OTP Failed",
  data: { description: "OTP expired" },
});
export const lockedAnswer = answer({
  status: 2131,
  response_status_id: 302,
  response_type_id: 2131,
  message: "Validate OTP Failed",
  data: {
    description: "Too many wrong OTPs",
    attempts_remaining: 0,
    locked_until: "2026-03-01T10:15:00.000Z",
    retry_after_seconds: 900,
  },
});
export const levinInvalidOtpAnswer = (attemptsRemaining?: number) =>
  answer({
    response_status_id: 1,
    response_type_id: 2138,
    message: "Invalid OTP",
    status: 2138,
    ...(attemptsRemaining === undefined ? {} : { data: { attempts_remaining: attemptsRemaining } }),
  });
export const validationAnswer = answer({
  status: 461,
  response_status_id: 1,
  response_type_id: -1,
  message: "Invalid parameters",
  invalid_params: {
    name: "Name too long",
    residence_address: "Required",
    pan_number: "Bad PAN",
    foo: "x",
  },
  data: { retry_after_seconds: 42 },
});
export const unknownAnswer = answer({
  response_status_id: 1,
  response_type_id: 319,
  message: "Invalid Sender/Initiator",
  status: 319,
});
