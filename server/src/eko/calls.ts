import type { Rail } from "../contract/rails.ts";

export type EkoCallSpec = {
  method: "GET" | "POST";
  /** Relative to the base URL; `{customer_id}` is the 10-digit mobile. */
  path: string;
  rail: Rail;
  /** Legacy paths without `{customer_id}` take it in the body instead. */
  customerIdInBody?: boolean;
  /** `service_code: 80` ("for PayPoint", §9): every DigiKhata call and Levin onboard. */
  serviceCode?: 80;
  /** A GET that requires `client_ref_id` (DigiKhata consent, §9 B.5 / B.6); GETs omit it otherwise. */
  clientRefIdOnGet?: true;
};

/**
 * Every Eko call the console makes, and which path family it uses. Master
 * paths (`/customer/payment/<rail>/sender/…`, [EPS]) by default; the live API
 * is mid-migration (eko-api.md §0, §15.1), so the exceptions are named here
 * and nowhere else.
 */
export const ekoCalls = {
  // §8 Flow A — the customer-account product has no master/legacy split.
  customerGet: { method: "GET", path: "/customer/profile/{customer_id}", rail: "customer-account" }, // A.1 (sends an OTP)
  customerOnboard: {
    method: "POST",
    path: "/customer/account/{customer_id}",
    rail: "customer-account",
  }, // A.2
  // A.3 exists only in [LEGACY]; customer_id goes in the body.
  customerResendOtp: {
    method: "POST",
    path: "/customer/account/otp",
    rail: "customer-account",
    customerIdInBody: true,
  },
  customerVerifyOtp: {
    method: "POST",
    path: "/customer/account/{customer_id}/otp/verify",
    rail: "customer-account",
  }, // A.4

  // §9 Flow B — master paths throughout, service_code 80 on every call ([LEGACY] requires it).
  digikhataGet: {
    method: "GET",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}",
    rail: "digikhata",
    serviceCode: 80,
  }, // B.1 (sends an OTP)
  digikhataOnboard: {
    method: "POST",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}",
    rail: "digikhata",
    serviceCode: 80,
  }, // B.2
  digikhataResendOtp: {
    method: "POST",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}/otp",
    rail: "digikhata",
    serviceCode: 80,
  }, // B.3
  digikhataVerifyOtp: {
    method: "POST",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}/otp/verify",
    rail: "digikhata",
    serviceCode: 80,
  }, // B.4
  digikhataConsentLanguages: {
    method: "GET",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}/aadhaar/consent/languages",
    rail: "digikhata",
    serviceCode: 80,
    clientRefIdOnGet: true,
  }, // B.5 ([EPS] only)
  digikhataConsentDetails: {
    method: "GET",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}/aadhaar/consent/details",
    rail: "digikhata",
    serviceCode: 80,
    clientRefIdOnGet: true,
  }, // B.6 ([EPS] only)
  digikhataAadhaarOtp: {
    method: "POST",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}/aadhaar/otp",
    rail: "digikhata",
    serviceCode: 80,
  }, // B.7 (sends the Aadhaar OTP)
  digikhataVerifyAadhaarOtp: {
    method: "POST",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}/aadhaar/otp/verify",
    rail: "digikhata",
    serviceCode: 80,
  }, // B.8
  digikhataPan: {
    method: "POST",
    path: "/customer/payment/ppi-digikhata/sender/{customer_id}/pan",
    rail: "digikhata",
    serviceCode: 80,
  }, // B.9

  // §10 Flow C.
  levinGet: {
    method: "GET",
    path: "/customer/payment/ppi-levin/sender/{customer_id}",
    rail: "levin",
  }, // C.1 (sends an OTP)
  levinOnboard: {
    method: "POST",
    path: "/customer/payment/ppi-levin/sender/{customer_id}",
    rail: "levin",
    serviceCode: 80,
  }, // C.2
  // C.3 exists only in [LEGACY].
  levinResendOtp: {
    method: "POST",
    path: "/customer/profile/{customer_id}/ppi-levin/otp",
    rail: "levin",
  },
  // C.4: [EPS-road] says Verify Sender OTP is live on the legacy path, not the master one.
  levinVerifyOtp: {
    method: "POST",
    path: "/customer/account/{customer_id}/ppi-levin/otp/verify",
    rail: "levin",
  },
  levinAadhaar: {
    method: "POST",
    path: "/customer/payment/ppi-levin/sender/{customer_id}/aadhaar/otp",
    rail: "levin",
  }, // C.5 (issues the Aadhaar OTP)
  levinVerifyAadhaarOtp: {
    method: "POST",
    path: "/customer/payment/ppi-levin/sender/{customer_id}/aadhaar/otp/verify",
    rail: "levin",
  }, // C.6
  levinPan: {
    method: "POST",
    path: "/customer/payment/ppi-levin/sender/{customer_id}/pan",
    rail: "levin",
  }, // C.7
} as const satisfies Record<string, EkoCallSpec>;

export type EkoCallName = keyof typeof ekoCalls;
