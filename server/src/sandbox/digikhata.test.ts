import { expect, test } from "vitest";
import { TEST_AADHAAR } from "./personas.ts";
import { data, makeSandbox, NEW_CUSTOMER } from "./test-support.ts";

/* Flow B end to end on the master paths (eko-api.md §9 B.1–B.9). */

const MOBILE = "9000000003";
const SENDER = `/customer/payment/ppi-digikhata/sender/${MOBILE}`;

test("a new sender goes B.1 → B.9 and ends with a full-KYC profile", async () => {
  const s = makeSandbox({ resendIntervalSeconds: 0 });

  expect((await s.eko("GET", SENDER)).body.response_type_id).toBe(308);

  // B.2: status 0 / rsid 0, unlike A.2.
  const onboarded = await s.eko("POST", SENDER, { ...NEW_CUSTOMER, service_code: 80 });
  expect(onboarded.body).toMatchObject({
    response_status_id: 0,
    response_type_id: 2129,
    message: "Validate the OTP",
    status: 0,
    data: { intent_id: 19, kyc_request_id: "" },
  });

  // B.3 resend replaces the reference.
  const resent = await s.eko("POST", `${SENDER}/otp`);
  expect(resent.body).toMatchObject({ response_type_id: 2129, status: 0, response_status_id: 0 });

  const verified = await s.eko("POST", `${SENDER}/otp/verify`, {
    otp: await s.latestOtp(MOBILE),
    otp_ref_id: data(resent).otp_ref_id,
    intent_id: "19",
  });
  expect(verified.body).toEqual({
    response_status_id: 1,
    data: { otp_ref_id: "" },
    response_type_id: 2136,
    message: "Aadhar Validation Pending",
    status: 2136,
  });

  const languages = await s.eko("GET", `${SENDER}/aadhaar/consent/languages`, {
    org_id: "1",
    client_ref_id: "B5REF0001",
  });
  expect(languages.body).toMatchObject({
    response_type_id: 2444,
    status: 0,
    response_status_id: 0,
  });
  const list = data(languages).consent_language_list as { pkid: string; consentLanguage: string }[];
  expect(list).toHaveLength(13);
  expect(list[3]).toEqual({ pkid: "4", consentLanguage: "Hindi" });

  const details = await s.eko("GET", `${SENDER}/aadhaar/consent/details`, {
    org_id: "1",
    client_ref_id: "B6REF0001",
    consent_language: "4",
  });
  expect(details.body).toMatchObject({
    response_type_id: 2446,
    message: "Consent Language Successfully Retrieved",
  });
  expect(data(details).consent_detail).toMatchObject({ consentLanguage: "Hindi", consentId: 4 });

  const aadhaarOtp = await s.eko("POST", `${SENDER}/aadhaar/otp`, { aadhar: TEST_AADHAAR.valid });
  expect(aadhaarOtp.body).toMatchObject({
    response_status_id: 0,
    response_type_id: 2129,
    status: 0,
    data: { intent_id: 20, kyc_request_id: "" },
  });
  const [sms] = await s.outbox(MOBILE);
  expect(sms).toMatchObject({ purpose: "aadhaar", rail: "digikhata" });

  const wrongOtp = await s.eko("POST", `${SENDER}/aadhaar/otp/verify`, {
    otp: sms?.otp === "000000" ? "111111" : "000000",
    otp_ref_id: data(aadhaarOtp).otp_ref_id,
  });
  expect(wrongOtp.body).toMatchObject({
    status: 2131,
    response_status_id: 302,
    data: { description: "Wrong OTP", attempts_remaining: 2 },
  });

  const aadhaarDone = await s.eko("POST", `${SENDER}/aadhaar/otp/verify`, {
    otp: sms?.otp,
    otp_ref_id: data(aadhaarOtp).otp_ref_id,
    intent_id: "20",
  });
  expect(aadhaarDone.body).toEqual({
    response_status_id: 0,
    data: { application_id: "" },
    response_type_id: 2147,
    message: "Pan Number Required",
    status: 0,
  });

  const pan = await s.eko("POST", `${SENDER}/pan`, { pan_number: "ABCPK1234F" });
  expect(pan.body).toMatchObject({ response_type_id: 309, status: 0, response_status_id: -1 });
  expect(data(pan).customer_profile).toMatchObject({
    name: "Asha Kumari",
    kyc_state: 1,
    total_monthly_limit: "50000.0",
  });

  // Next session: the sender is complete.
  const lookup = await s.eko("GET", SENDER);
  const again = await s.eko("POST", `${SENDER}/otp/verify`, {
    otp: await s.latestOtp(MOBILE),
    otp_ref_id: data(lookup).otp_ref_id,
  });
  expect(again.body.response_type_id).toBe(309);
  // B.4's shape: empty wallet fields, profile kyc_state vs top-level kyc_state 0.
  expect(data(again)).toMatchObject({ wallet_token: "", wallet_id: "", kyc_state: 0 });
});

test("the PAN-pending persona goes straight to B.9", async () => {
  const s = makeSandbox();
  const pan = await s.eko("POST", "/customer/payment/ppi-digikhata/sender/9000000005/pan", {
    pan_number: "abcpk1234f",
  });
  expect(pan.body.response_type_id).toBe(309);
});

test("KYC steps out of order answer where the sender stands", async () => {
  const s = makeSandbox();
  const aadhaar = (mobile: string) =>
    s.eko("POST", `/customer/payment/ppi-digikhata/sender/${mobile}/aadhaar/otp`, {
      aadhar: TEST_AADHAAR.valid,
    });
  const pan = (mobile: string) =>
    s.eko("POST", `/customer/payment/ppi-digikhata/sender/${mobile}/pan`, {
      pan_number: "ABCPK1234F",
    });

  expect((await aadhaar("9000000003")).body.response_type_id).toBe(308);
  expect((await pan("9000000004")).body).toEqual({
    response_status_id: 1,
    response_type_id: 2136,
    message: "Aadhar Validation Pending",
    status: 2136,
  });
  expect((await aadhaar("9000000005")).body.response_type_id).toBe(2147);
  expect((await aadhaar("9000000001")).body.response_type_id).toBe(585);

  await s.eko("POST", "/customer/payment/ppi-digikhata/sender/7011111111", NEW_CUSTOMER);
  expect((await aadhaar("7011111111")).body.response_type_id).toBe(327);
});

test("the rejected test Aadhaar answers 2138 Adhar Validation Failed", async () => {
  const s = makeSandbox();
  const reply = await s.eko(
    "POST",
    "/customer/payment/ppi-digikhata/sender/9000000004/aadhaar/otp",
    {
      aadhar: TEST_AADHAAR.rejected,
    },
  );
  expect(reply.body).toEqual({
    response_status_id: 1,
    response_type_id: 2138,
    message: "Adhar Validation Failed",
    status: 2138,
  });
  expect(await s.outbox("9000000004")).toEqual([]);
});

test("onboarding an already-enrolled sender answers 300 with its state", async () => {
  const s = makeSandbox();
  const reply = await s.eko(
    "POST",
    "/customer/payment/ppi-digikhata/sender/9000000001",
    NEW_CUSTOMER,
  );
  expect(reply.body).toMatchObject({
    response_type_id: 300,
    message: "Wallet opened successfully.",
    data: { customer_id_type: "mobile_number", state: "4", customer_id: "9000000001" },
  });
});
