import type { CustomerRecord } from "./model.ts";

/*
 * Eko's answers, shaped exactly like the samples in eko-api.md (key order
 * included, so a diff against a sample reads cleanly). Quirks are kept on
 * purpose (§6.2, §6.3, §13): `status` equals the type id on some states and 0
 * on others; `intent_id` is a number in answers (or "", C.5); "Aadhar" is
 * misspelt. The 309 profile lives in ./profile.ts. Shapes Eko never
 * documented are marked SANDBOX-DEFINED.
 */

export type Envelope = { response_type_id: number } & Record<string, unknown>;

export type WalletPair = { token: string; id: string };

/** 2129. `status: "type"` → status 2129 / rsid 1 (A.1, A.2, C.2); `"zero"` → 0 / 0 (B.2, B.3, B.7, C.3, C.5). */
export function otpSent(status: "type" | "zero", ref: string, intentId: 19 | 20 | ""): Envelope {
  return {
    response_status_id: status === "type" ? 1 : 0,
    data: { intent_id: intentId, kyc_request_id: "", otp_ref_id: ref },
    response_type_id: 2129,
    message: "Validate the OTP",
    status: status === "type" ? 2129 : 0,
  };
}

/** 308 (§8 A.1, shared by B.1 and C.1). */
export function notEnrolled(): Envelope {
  return {
    response_status_id: 1,
    data: { sender_name: "", ekyc_enabled: "" },
    response_type_id: 308,
    message: "Failure!Customer Not Enrolled",
    status: 308,
  };
}

/** §6.4. The status value varies in Eko; 461 is the documented example. */
export function validationFailed(
  invalidParams: Record<string, string>,
  message = `Invalid parameters: ${Object.keys(invalidParams).join(", ")}`,
  data?: Record<string, unknown>,
): Envelope {
  return {
    status: 461,
    response_status_id: 1,
    response_type_id: -1,
    message,
    invalid_params: invalidParams,
    ...(data ? { data } : {}),
  };
}

/** SANDBOX-DEFINED: resend asked for before resendIntervalSeconds passed. */
export function resendTooSoon(waitSeconds: number): Envelope {
  return validationFailed(
    { customer_id: `OTP already sent; a new one can be requested in ${waitSeconds} seconds` },
    `Please wait ${waitSeconds} seconds before requesting another OTP`,
    { retry_after_seconds: waitSeconds },
  );
}

/**
 * 2136. `bare`: A.4 / C.4 / C.7 samples; `digikhata`: B.4 (EPS, `data.otp_ref_id` "");
 * `levin`: SANDBOX-DEFINED — carries the wallet pair C.5 needs (gap §15.13).
 */
export function aadhaarPending(
  shape: "bare" | "digikhata" | "levin",
  wallet?: WalletPair,
): Envelope {
  const data =
    shape === "digikhata"
      ? { otp_ref_id: "" }
      : shape === "levin"
        ? { wallet_token: wallet?.token ?? "", wallet_id: wallet?.id ?? "" }
        : undefined;
  return {
    response_status_id: 1,
    ...(data ? { data } : {}),
    response_type_id: 2136,
    message: "Aadhar Validation Pending",
    status: 2136,
  };
}

/**
 * 2147 "Pan Number Required".
 * - `application`: A.4 / B.8 samples.
 * - `levin-verify`: C.4 with the wallet pair (SANDBOX-DEFINED: the sample has only application_id).
 * - `levin-legacy`: the legacy C.6 answer — empty wallet fields, no identity.
 */
export function panRequired(
  shape: "application" | "levin-verify" | "levin-legacy",
  wallet?: WalletPair,
): Envelope {
  const data =
    shape === "application"
      ? { application_id: "" }
      : shape === "levin-verify"
        ? { application_id: "", wallet_token: wallet?.token ?? "", wallet_id: wallet?.id ?? "" }
        : { wallet_token: "", wallet_id: "", application_id: "" };
  return {
    response_status_id: 0,
    data,
    response_type_id: 2147,
    message: "Pan Number Required",
    status: 0,
  };
}

/**
 * The C.6 answer this console is specified against (§10 C.6 decision): the
 * EPS identity fields, under the real 2147 type id instead of the curated
 * 1388, with the legacy answer's empty wallet fields.
 */
export function aadhaarIdentity(record: CustomerRecord): Envelope {
  const [year, month, day] = record.dob.split("-");
  return {
    status: 0,
    response_status_id: 0,
    response_type_id: 2147,
    message: "Pan Number Required",
    data: {
      verified: true,
      name: record.name,
      gender: record.gender ?? "M",
      dob: record.dob ? `${day}-${month}-${year}` : "",
      masked_aadhaar: `XXXX-XXXX-${record.aadhaarLast4 ?? "0000"}`,
      application_id: "",
      wallet_token: "",
      wallet_id: "",
    },
  };
}

/** 2132 (legacy C.7). */
export function registrationCompleted(): Envelope {
  return {
    response_status_id: 0,
    response_type_id: 2132,
    message: "Customer Registration Completed",
    status: 0,
  };
}

/** 2138 on the Levin mobile OTP (legacy sample); attempts_remaining is SANDBOX-DEFINED. */
export function invalidOtp(attemptsRemaining?: number): Envelope {
  return {
    response_status_id: 1,
    response_type_id: 2138,
    message: "Invalid OTP",
    status: 2138,
    ...(attemptsRemaining === undefined ? {} : { data: { attempts_remaining: attemptsRemaining } }),
  };
}

/**
 * 2131 "Validate OTP Failed". rsid 302 = wrong OTP, 303 = expired (§7.2, the
 * DMT-Fino sample); the legacy Levin sample has rsid 1 and an empty description.
 * The `data` extras (attempts_remaining, locked_until, …) are SANDBOX-DEFINED.
 */
export function otpFailed(
  responseStatusId: 1 | 302 | 303,
  data: Record<string, unknown>,
): Envelope {
  return {
    status: 2131,
    response_status_id: responseStatusId,
    response_type_id: 2131,
    message: "Validate OTP Failed",
    data,
  };
}

/** 2138 on Validate Aadhaar (legacy C.5). */
export function aadhaarRejected(): Envelope {
  return {
    response_status_id: 1,
    response_type_id: 2138,
    message: "Adhar Validation Failed",
    status: 2138,
  };
}

/**
 * 300 (§9 B.2). The sample shows state "2" / "Non-Kyc"; the other state /
 * state_desc pairs follow §12.3 and are SANDBOX-DEFINED wording.
 */
export function walletExists(record: CustomerRecord): Envelope {
  const [state, stateDesc] =
    record.stage === "complete"
      ? record.figures.kycState === 1
        ? ["4", "Full-Kyc"]
        : ["2", "Non-Kyc"]
      : record.stage === "otp_pending"
        ? ["1", "Otp-Verification-Pending"]
        : ["3", "Kyc-Pending"];
  return {
    response_status_id: 0,
    data: {
      customer_id_type: "mobile_number",
      state_desc: stateDesc,
      state,
      customer_id: record.customerId,
    },
    response_type_id: 300,
    message: "Wallet opened successfully.",
    status: 0,
  };
}

/** The curated EPS 463 answer (§10 C.5): missing, expired or foreign wallet token / id. */
export function invalidWalletToken(): Envelope {
  return {
    status: 1,
    response_status_id: 463,
    message: "Invalid wallet token. Please re-authenticate the sender.",
    response_type_id: 1388,
    data: {},
  };
}

/** SANDBOX-DEFINED shapes around documented business codes (§7.2). */
export function businessCode(code: 319 | 327 | 585): Envelope {
  const message = {
    319: "Invalid Sender/Initiator",
    327: "Enrollment done. Verification pending",
    585: "Customer already KYC approved",
  }[code];
  return { response_status_id: 1, response_type_id: code, message, status: code };
}

/** SANDBOX-DEFINED: any other id forced through a scenario. */
export function genericEnvelope(responseTypeId: number): Envelope {
  return {
    response_status_id: 1,
    data: {},
    response_type_id: responseTypeId,
    message: `Sandbox scenario ${responseTypeId}`,
    status: responseTypeId,
  };
}
