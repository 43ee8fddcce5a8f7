import type { Rail } from "../contract/rails.ts";

export type PathFamily = "master" | "legacy";

export type EkoPath = {
  /** Relative to the base URL; `{customer_id}` is the 10-digit mobile. */
  path: string;
  family: PathFamily;
  /** Legacy paths without `{customer_id}` take it in the body instead. */
  customerIdInBody?: boolean;
};

export type EkoCallSpec = {
  method: "GET" | "POST";
  /**
   * Tried in order: on HTTP 404 (no such route — Eko did nothing) the client
   * sends the same request to the next one and remembers which answered.
   */
  paths: readonly [EkoPath, ...EkoPath[]];
  rail: Rail;
  /** `service_code: 80` ("for PayPoint", §9): every DigiKhata call and Levin onboard. */
  serviceCode?: 80;
  /** A GET that requires `client_ref_id` (DigiKhata consent, §9 B.5 / B.6); GETs omit it otherwise. */
  clientRefIdOnGet?: true;
};

/**
 * Each rail's first letter in every `client_ref_id` it sends (eko/client.ts),
 * the flow letter of eko-api.md (§8 Flow A, §9 Flow B, §10 Flow C): Eko's
 * support and our logs tell a rail's calls apart at a glance. A rail's calls
 * and its letter live here together; `Record<Rail, …>` makes a rail without
 * one a type error.
 */
export const railRefLetters = {
  "customer-account": "A",
  digikhata: "B",
  levin: "C",
} as const satisfies Record<Rail, string>;

const master = (path: string): EkoPath => ({ path, family: "master" });
const legacy = (path: string, customerIdInBody = false): EkoPath =>
  customerIdInBody ? { path, family: "legacy", customerIdInBody } : { path, family: "legacy" };

const DK = "/customer/payment/ppi-digikhata/sender/{customer_id}";
const LV = "/customer/payment/ppi-levin/sender/{customer_id}";

/**
 * Every Eko call the console makes and its paths (eko-api.md §9 B.0, §10 C.0).
 * Master paths (`/customer/payment/<rail>/sender/…`, [EPS]) first, the legacy
 * twin as the fallback; the live API is mid-migration (§0), so where
 * eko-api.md records the legacy path as the live one it comes first. Calls
 * with one documented path have one entry.
 */
export const ekoCalls = {
  // §8 Flow A — the customer-account product has no master/legacy split.
  customerGet: {
    method: "GET",
    paths: [master("/customer/profile/{customer_id}")],
    rail: "customer-account",
  }, // A.1 (sends an OTP)
  customerOnboard: {
    method: "POST",
    paths: [master("/customer/account/{customer_id}")],
    rail: "customer-account",
  }, // A.2
  // A.3 exists only in [LEGACY]; customer_id goes in the body.
  customerResendOtp: {
    method: "POST",
    paths: [legacy("/customer/account/otp", true)],
    rail: "customer-account",
  },
  customerVerifyOtp: {
    method: "POST",
    paths: [master("/customer/account/{customer_id}/otp/verify")],
    rail: "customer-account",
  }, // A.4

  // §9 Flow B — service_code 80 on every call ([LEGACY] requires it; it picks DigiKhata on shared legacy paths).
  digikhataGet: {
    method: "GET",
    paths: [master(DK), legacy("/customer/profile/{customer_id}")],
    rail: "digikhata",
    serviceCode: 80,
  }, // B.1 (sends an OTP)
  digikhataOnboard: {
    method: "POST",
    paths: [master(DK), legacy("/customer/account", true)],
    rail: "digikhata",
    serviceCode: 80,
  }, // B.2
  digikhataResendOtp: {
    method: "POST",
    paths: [master(`${DK}/otp`)],
    rail: "digikhata",
    serviceCode: 80,
  }, // B.3 (master only)
  digikhataVerifyOtp: {
    method: "POST",
    paths: [master(`${DK}/otp/verify`), legacy("/customer/account/{customer_id}/ppi/otp/verify")],
    rail: "digikhata",
    serviceCode: 80,
  }, // B.4 (intent 19 on the shared legacy path)
  // B.5 / B.6 exist only in [EPS]; both GETs require client_ref_id.
  digikhataConsentLanguages: {
    method: "GET",
    paths: [master(`${DK}/aadhaar/consent/languages`)],
    rail: "digikhata",
    serviceCode: 80,
    clientRefIdOnGet: true,
  }, // B.5
  digikhataConsentDetails: {
    method: "GET",
    paths: [master(`${DK}/aadhaar/consent/details`)],
    rail: "digikhata",
    serviceCode: 80,
    clientRefIdOnGet: true,
  }, // B.6
  digikhataAadhaarOtp: {
    method: "POST",
    paths: [master(`${DK}/aadhaar/otp`), legacy("/customer/account/{customer_id}/ppi/aadhaar")],
    rail: "digikhata",
    serviceCode: 80,
  }, // B.7 (sends the Aadhaar OTP)
  digikhataVerifyAadhaarOtp: {
    method: "POST",
    paths: [
      master(`${DK}/aadhaar/otp/verify`),
      legacy("/customer/account/{customer_id}/ppi/otp/verify"),
    ],
    rail: "digikhata",
    serviceCode: 80,
  }, // B.8 (intent 20 on the shared legacy path)
  digikhataPan: {
    method: "POST",
    paths: [master(`${DK}/pan`), legacy("/customer/account/{customer_id}/ppi/pan")],
    rail: "digikhata",
    serviceCode: 80,
  }, // B.9

  // §10 Flow C.
  levinGet: { method: "GET", paths: [master(LV)], rail: "levin" }, // C.1 (sends an OTP)
  levinOnboard: { method: "POST", paths: [master(LV)], rail: "levin", serviceCode: 80 }, // C.2
  // C.3 exists only in [LEGACY].
  levinResendOtp: {
    method: "POST",
    paths: [legacy("/customer/profile/{customer_id}/ppi-levin/otp")],
    rail: "levin",
  },
  // C.4: [EPS-road] records the legacy path as the live one, so it goes first; master is Eko's current docs.
  levinVerifyOtp: {
    method: "POST",
    paths: [
      legacy("/customer/account/{customer_id}/ppi-levin/otp/verify"),
      master(`${LV}/otp/verify`),
    ],
    rail: "levin",
  },
  levinAadhaar: {
    method: "POST",
    paths: [
      master(`${LV}/aadhaar/otp`),
      legacy("/customer/account/{customer_id}/ppi-levin/aadhaar"),
    ],
    rail: "levin",
  }, // C.5 (issues the Aadhaar OTP)
  levinVerifyAadhaarOtp: {
    method: "POST",
    paths: [
      master(`${LV}/aadhaar/otp/verify`),
      legacy("/customer/account/{customer_id}/ppi-levin/otp/verify"),
    ],
    rail: "levin",
  }, // C.6 (intent 20 on the shared legacy path)
  levinPan: {
    method: "POST",
    paths: [master(`${LV}/pan`), legacy("/customer/account/{customer_id}/ppi-levin/pan")],
    rail: "levin",
  }, // C.7
} as const satisfies Record<string, EkoCallSpec>;

export type EkoCallName = keyof typeof ekoCalls;
