import type { Envelope, WalletPair } from "./envelopes.ts";
import type { CustomerRecord } from "./model.ts";

/*
 * The 309 "Success!" answer and its customer_profile (eko-api.md §12.1), per
 * rail. Quirks kept on purpose: next_allowed_limit is a string in the profile
 * and a number at the top level, ekyc_enabled a number in the profile and ""
 * at the top, and the top-level kyc_state is 0 whatever the profile says
 * (§9 B.4 sample).
 */

function customerProfile(record: CustomerRecord) {
  const f = record.figures;
  return {
    total_monthly_limit: f.totalMonthlyLimit,
    mobile: record.customerId,
    kyc_id: "",
    ekyc_enabled: 0,
    kyc_validity: "",
    kyc_remark: "",
    kyc_type: "",
    balance: f.balance,
    next_allowed_limit: f.nextAllowedLimit,
    name: record.name,
    digital_ekyc: 0,
    chart: [
      {
        data_type_id: 10,
        data: { unavailable: 0, used: f.used, remaining: f.remaining },
        label: "",
      },
    ],
    email: "",
    kyc_state: f.kycState,
  };
}

/**
 * 309. `account`: A.4 (also B.9 and the EPS C.7 answer); `digikhata`: B.4
 * (empty wallet fields); `levin`: C.4 (real wallet fields, empty sender_name,
 * no `account` key — as in the sample).
 */
export function profileFound(
  shape: "account" | "digikhata" | "levin",
  record: CustomerRecord,
  wallet?: WalletPair,
): Envelope {
  const profile = customerProfile(record);
  const nextAllowed = Number(record.figures.nextAllowedLimit);
  const common = {
    id_proof_type_id: "",
    is_registered: 0,
    id_proof: "",
    otpOptionalSum: "",
    sender_name: shape === "levin" ? "" : record.name,
    otpNotRequiredSum: "",
    ekyc_enabled: "",
  };
  const tail = {
    next_allowed_limit: nextAllowed,
    account: "",
    kyc_state: 0,
    otpOptionalSumNeft: "",
  };
  const data =
    shape === "account"
      ? { customer_profile: profile, ...common, otpNotRequiredSumNeft: "", ...tail }
      : shape === "digikhata"
        ? {
            customer_profile: profile,
            wallet_token: "",
            ...common,
            wallet_id: "",
            otpNotRequiredSumNeft: "",
            ...tail,
          }
        : {
            customer_profile: profile,
            wallet_token: wallet?.token ?? "",
            ...common,
            wallet_id: wallet?.id ?? "",
            otpNotRequiredSumNeft: "",
            next_allowed_limit: nextAllowed,
            kyc_state: 0,
            otpOptionalSumNeft: "",
          };
  return { response_status_id: -1, data, response_type_id: 309, message: "Success!", status: 0 };
}
