import type { EkoCallName } from "../eko/calls.ts";

/*
 * Every answer /work/shared/eko-api.md prints for our three rails'
 * onboarding / OTP / KYC calls, verbatim (key order included), tagged with
 * the call that answers it. The conformance test (flows/conformance.test.ts)
 * feeds each through that call's mapping. A new sample is one entry here and
 * one expectation there.
 */

export type EkoSample = {
  /** eko-api.md section and what the sample shows. */
  id: string;
  call: EkoCallName;
  body: Record<string, unknown>;
};

const REF_A1 =
  "IXrygqm0vTNbN35Lp5AfcbP69ifPhQ1Ee3u74AHY5fA9aMp2d94Yii3g+9fOBmbMsVTuaEQpDOEateP4tSTkQw==";
const REF_A2 =
  "IXrygqm0vTNbN35Lp5AfcbP69ifPhQ1Ee3u74AHY5fA9aMp2d94YigSXr5Qr+aS8OTg/e0YrVEoPAbap746K5g==";
const REF_B2 =
  "leSLbMTFJpWWyG+NIDZW1IM6D+1tVJ6hgzp33AcOnMOJNPmRic8dJQazrKttIV3oIOpXKP8OdkARMo2DvP8bWEKK2P3h2dAK";
const REF_B3 =
  "leSLbMTFJpWWyG+NIDZW1IM6D+1tVJ6haUuWCwcbJVCWUgeMOoj5vNqXAGuOK+Cro+AqdfLdmm5z5AQ+PGkPdHUQJ9nuLPKS";
const REF_C3 =
  "qbLHvmK00XR2drd0AtMDT1zu/ENFVDAEymBiglraZ7Cbz9CgAp/vZiBhEno6rAIOnrIlH7MH68yLI7Ng0Wa3jQ==";
const REF_C5 =
  "qbLHvmK00XTGHznTicnkNj9ZBHgkncDhQg6bQ5b1+64hmvbwQ8UdbfD2VB5BMdzrGi6isyJu/bvagKw7pj9zlfOBEL+a3asw8HtEyNqdQkuGQUINIHYVYZvJMGkJOFjjzaCKx5tmH8jEyeEoFuU14w==";
const WALLET_TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJJZGVudGlmaWNhdGlvbkNvZGUiOiJQaFY2Wkc1QjMzRDE2NzZWZGhKTStBPT0iLCJCQ0FnZW50SWQiOiJxYkxIdm1LMDBYU1NTcS9rL0tSN0pBPT0iLCJleHAiOjE3NDg0MTg0OTIsImlzcyI6IlBheVBvaW50IiwiYXVkIjoiUGFydG5lcnMifQ.ylDVDuNjIymfjBE9jB0ZU0Lqhvj67AWRQ_dC76HOHbA";

const otpSent = (ref: string, style: "type" | "zero", intent: 19 | 20 | "" = 19) => ({
  response_status_id: style === "type" ? 1 : 0,
  data: { intent_id: intent, kyc_request_id: "", otp_ref_id: ref },
  response_type_id: 2129,
  message: "Validate the OTP",
  status: style === "type" ? 2129 : 0,
});

const notEnrolled = {
  response_status_id: 1,
  data: { sender_name: "", ekyc_enabled: "" },
  response_type_id: 308,
  message: "Failure!Customer Not Enrolled",
  status: 308,
};

const chart = (used: number, remaining: number) => [
  { data_type_id: 10, data: { unavailable: 0, used, remaining }, label: "" },
];

/** §8 A.4 (also the [LEGACY] DigiKhata verify and the B.9 / C.7 [EPS] PAN answer). */
const karanGarg = {
  response_status_id: -1,
  data: {
    customer_profile: {
      total_monthly_limit: "50000.0",
      mobile: "9444444444",
      kyc_id: "",
      ekyc_enabled: 0,
      kyc_validity: "",
      kyc_remark: "",
      kyc_type: "",
      balance: "0.00",
      next_allowed_limit: "5287.0",
      name: "Karan Garg",
      digital_ekyc: 0,
      chart: chart(44713, 5287),
      email: "",
      kyc_state: 0,
    },
    id_proof_type_id: "",
    is_registered: 0,
    id_proof: "",
    otpOptionalSum: "",
    sender_name: "Karan Garg",
    otpNotRequiredSum: "",
    ekyc_enabled: "",
    otpNotRequiredSumNeft: "",
    next_allowed_limit: 5287,
    account: "",
    kyc_state: 0,
    otpOptionalSumNeft: "",
  },
  response_type_id: 309,
  message: "Success!",
  status: 0,
};

const aadhaarPending = {
  response_status_id: 1,
  response_type_id: 2136,
  message: "Aadhar Validation Pending",
  status: 2136,
};
const panRequired = {
  response_status_id: 0,
  data: { application_id: "" },
  response_type_id: 2147,
  message: "Pan Number Required",
  status: 0,
};

export const ekoApiSamples: readonly EkoSample[] = [
  // §8 Flow A
  { id: "A.1 2129 OTP sent", call: "customerGet", body: otpSent(REF_A1, "type") },
  { id: "A.1 308 not enrolled", call: "customerGet", body: notEnrolled },
  { id: "A.2 2129 OTP sent", call: "customerOnboard", body: otpSent(REF_A2, "type") },
  { id: "A.4 309 Karan Garg", call: "customerVerifyOtp", body: karanGarg },
  { id: "A.4 2136 Aadhaar pending", call: "customerVerifyOtp", body: aadhaarPending },
  { id: "A.4 2147 PAN required", call: "customerVerifyOtp", body: panRequired },

  // §9 Flow B
  { id: "B.1 2129 OTP sent", call: "digikhataGet", body: otpSent(REF_A1, "type") },
  { id: "B.1 308 not enrolled", call: "digikhataGet", body: notEnrolled },
  { id: "B.2 2129 OTP sent (status 0)", call: "digikhataOnboard", body: otpSent(REF_B2, "zero") },
  {
    id: "B.2 2129 [LEGACY] (status 2129)",
    call: "digikhataOnboard",
    body: otpSent(REF_A2, "type"),
  },
  {
    id: "B.2 300 wallet exists",
    call: "digikhataOnboard",
    body: {
      response_status_id: 0,
      data: {
        customer_id_type: "mobile_number",
        state_desc: "Non-Kyc",
        state: "2",
        customer_id: "8617567988",
      },
      response_type_id: 300,
      message: "Wallet opened successfully.",
      status: 0,
    },
  },
  { id: "B.3 2129 OTP re-sent", call: "digikhataResendOtp", body: otpSent(REF_B3, "zero") },
  {
    id: "B.4 309 Yashwant Basnett",
    call: "digikhataVerifyOtp",
    body: {
      response_status_id: -1,
      data: {
        customer_profile: {
          total_monthly_limit: "50000.0",
          mobile: "8617567988",
          kyc_id: "",
          ekyc_enabled: 0,
          kyc_validity: "",
          kyc_remark: "",
          kyc_type: "",
          balance: "0.00",
          next_allowed_limit: "50000.0",
          name: "Yashwant Basnett",
          digital_ekyc: 0,
          chart: chart(0, 50000),
          email: "",
          kyc_state: 1,
        },
        wallet_token: "",
        id_proof_type_id: "",
        is_registered: 0,
        id_proof: "",
        otpOptionalSum: "",
        sender_name: "Yashwant Basnett",
        otpNotRequiredSum: "",
        ekyc_enabled: "",
        wallet_id: "",
        otpNotRequiredSumNeft: "",
        next_allowed_limit: 50000.0,
        account: "",
        kyc_state: 0,
        otpOptionalSumNeft: "",
      },
      response_type_id: 309,
      message: "Success!",
      status: 0,
    },
  },
  { id: "B.4 309 [LEGACY] Karan Garg", call: "digikhataVerifyOtp", body: karanGarg },
  {
    id: "B.4 2136 Aadhaar pending (with data)",
    call: "digikhataVerifyOtp",
    body: { ...aadhaarPending, data: { otp_ref_id: "" } },
  },
  { id: "B.4 2147 [LEGACY] PAN required", call: "digikhataVerifyOtp", body: panRequired },
  {
    id: "B.5 2444 consent languages",
    call: "digikhataConsentLanguages",
    body: {
      response_status_id: 0,
      data: {
        consent_language_list: [
          { pkid: "1", consentLanguage: "English" },
          { pkid: "2", consentLanguage: "Bengali" },
          { pkid: "3", consentLanguage: "Gujarati" },
          { pkid: "4", consentLanguage: "Hindi" },
          { pkid: "5", consentLanguage: "Kannada" },
          { pkid: "6", consentLanguage: "Malayalam" },
          { pkid: "7", consentLanguage: "Marathi" },
          { pkid: "8", consentLanguage: "Odia" },
          { pkid: "9", consentLanguage: "Tamil" },
          { pkid: "10", consentLanguage: "Telugu" },
          { pkid: "11", consentLanguage: "Urdu" },
          { pkid: "12", consentLanguage: "Assamese" },
          { pkid: "13", consentLanguage: "Punjabi" },
        ],
      },
      response_type_id: 2444,
      message: "Consent Language Successfully Retrieved",
      status: 0,
    },
  },
  // B.6 is described field by field (no verbatim sample); these are the documented fields.
  {
    id: "B.6 2446 consent details",
    call: "digikhataConsentDetails",
    body: {
      response_status_id: 0,
      data: {
        consent_detail: {
          consentContent:
            "I hereby give my consent to Paypoint India Network Private Limited\r\n to verify my Aadhaar.",
          audioUrl: "https://paypointindia.co.in/audio/Consent_English.mp3",
          consentId: 1,
          consent: "I agree to share my Aadhaar with Paypoint India Network Private Limited.",
          consentLanguage: "English",
        },
      },
      response_type_id: 2446,
      message: "Consent Language Successfully Retrieved",
      status: 0,
    },
  },
  {
    id: "B.7 2129 Aadhaar OTP sent (intent 20)",
    call: "digikhataAadhaarOtp",
    body: otpSent(REF_B3, "zero", 20),
  },
  { id: "B.8 2147 PAN required", call: "digikhataVerifyAadhaarOtp", body: panRequired },
  { id: "B.9 309 Karan Garg", call: "digikhataPan", body: karanGarg },

  // §10 Flow C
  { id: "C.1 2129 OTP sent", call: "levinGet", body: otpSent(REF_A1, "type") },
  { id: "C.1 308 not enrolled", call: "levinGet", body: notEnrolled },
  { id: "C.2 2129 OTP sent", call: "levinOnboard", body: otpSent(REF_A2, "type") },
  { id: "C.3 2129 OTP re-sent", call: "levinResendOtp", body: otpSent(REF_C3, "zero") },
  {
    id: "C.4 309 Shobhit with wallet_token",
    call: "levinVerifyOtp",
    body: {
      response_status_id: -1,
      data: {
        customer_profile: {
          total_monthly_limit: "50000",
          mobile: "9444444444",
          kyc_id: "",
          ekyc_enabled: 0,
          kyc_validity: "",
          kyc_remark: "",
          kyc_type: "",
          balance: "0.00",
          next_allowed_limit: "50000.0",
          name: "Shobhit",
          digital_ekyc: 0,
          chart: chart(0, 50000),
          email: "",
          kyc_state: 0,
        },
        wallet_token: WALLET_TOKEN,
        id_proof_type_id: "",
        is_registered: 0,
        id_proof: "",
        otpOptionalSum: "",
        sender_name: "",
        otpNotRequiredSum: "",
        ekyc_enabled: "",
        wallet_id: "",
        otpNotRequiredSumNeft: "",
        next_allowed_limit: 50000,
        kyc_state: 0,
        otpOptionalSumNeft: "",
      },
      response_type_id: 309,
      message: "Success!",
      status: 0,
    },
  },
  { id: "C.4 2136 Aadhaar pending", call: "levinVerifyOtp", body: aadhaarPending },
  { id: "C.4 2147 PAN required", call: "levinVerifyOtp", body: panRequired },
  {
    id: "C.4 2138 [LEGACY] Invalid OTP",
    call: "levinVerifyOtp",
    body: { response_status_id: 1, response_type_id: 2138, message: "Invalid OTP", status: 2138 },
  },
  {
    id: "C.5 2129 [LEGACY] Aadhaar OTP sent",
    call: "levinAadhaar",
    body: otpSent(REF_C5, "zero", ""),
  },
  {
    id: "C.5 2138 [LEGACY] Adhar Validation Failed",
    call: "levinAadhaar",
    body: {
      response_status_id: 1,
      response_type_id: 2138,
      message: "Adhar Validation Failed",
      status: 2138,
    },
  },
  {
    id: "C.5 1388 [EPS] Aadhaar OTP sent",
    call: "levinAadhaar",
    body: {
      status: 0,
      response_status_id: 0,
      message: "Aadhaar OTP sent successfully",
      response_type_id: 1388,
      data: { otp_ref_id: "66748392", mobile_hint: "******3210" },
    },
  },
  {
    id: "C.5 1388/463 [EPS] invalid wallet token",
    call: "levinAadhaar",
    body: {
      status: 1,
      response_status_id: 463,
      message: "Invalid wallet token. Please re-authenticate the sender.",
      response_type_id: 1388,
      data: {},
    },
  },
  {
    id: "C.6 2147 [LEGACY] PAN required, empty wallet fields",
    call: "levinVerifyAadhaarOtp",
    body: {
      response_status_id: 0,
      data: { wallet_token: "", wallet_id: "", application_id: "" },
      response_type_id: 2147,
      message: "Pan Number Required",
      status: 0,
    },
  },
  {
    id: "C.6 2131 [LEGACY] Validate OTP Failed",
    call: "levinVerifyAadhaarOtp",
    body: {
      response_status_id: 1,
      data: { description: "" },
      response_type_id: 2131,
      message: "Validate OTP Failed",
      status: 2131,
    },
  },
  {
    id: "C.6 1388 [EPS] verified identity",
    call: "levinVerifyAadhaarOtp",
    body: {
      status: 0,
      response_status_id: 0,
      message: "Aadhaar OTP verified successfully",
      response_type_id: 1388,
      data: {
        verified: true,
        name: "Sneha Patel",
        gender: "F",
        dob: "05-07-1992",
        masked_aadhaar: "XXXX-XXXX-7890",
      },
    },
  },
  {
    id: "C.6 1388/302 [EPS] wrong OTP",
    call: "levinVerifyAadhaarOtp",
    body: {
      status: 1,
      response_status_id: 302,
      message: "Wrong OTP. Please check and retry.",
      response_type_id: 1388,
      data: {},
    },
  },
  {
    id: "C.7 2132 [LEGACY] registration completed",
    call: "levinPan",
    body: {
      response_status_id: 0,
      response_type_id: 2132,
      message: "Customer Registration Completed",
      status: 0,
    },
  },
  { id: "C.7 2136 [LEGACY] Aadhaar pending", call: "levinPan", body: aadhaarPending },
  { id: "C.7 309 [EPS] Karan Garg", call: "levinPan", body: karanGarg },
];
