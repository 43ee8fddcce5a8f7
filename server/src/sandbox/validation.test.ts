import { expect, test } from "vitest";
import { TEST_AADHAAR } from "./personas.ts";
import { data, makeSandbox, NEW_CUSTOMER, signedHeaders } from "./test-support.ts";

/* Required parameters → the §6.4 shape (HTTP 200, response_type_id -1). */

const LEVIN = "/customer/payment/ppi-levin/sender";

test("missing initiator_id and user_code are named in invalid_params", async () => {
  const s = makeSandbox();
  const reply = await s.eko("GET", "/customer/profile/9000000001", {}, { bare: true });
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({
    status: 461,
    response_status_id: 1,
    response_type_id: -1,
    message: "Invalid parameters: initiator_id, user_code",
    invalid_params: {
      initiator_id: "initiator_id is required",
      user_code: "user_code is required",
    },
  });
});

test.each(["5000000000", "900000000", "90000000011", "90000O0001"])(
  "path mobile %s is rejected",
  async (mobile) => {
    const s = makeSandbox();
    const reply = await s.eko("GET", `/customer/profile/${mobile}`);
    expect(reply.body).toMatchObject({
      response_type_id: -1,
      invalid_params: { customer_id: "Invalid mobile number" },
    });
  },
);

test("legacy body customer_id is required", async () => {
  const s = makeSandbox();
  const reply = await s.eko("POST", "/customer/account", NEW_CUSTOMER);
  expect(reply.body.invalid_params).toEqual({ customer_id: "customer_id is required" });
});

test("onboard checks name, dob and residence_address", async () => {
  const s = makeSandbox();
  const reply = await s.eko("POST", "/customer/account/9000000003", {
    name: "Asha K3",
    dob: "2015-01-01",
    residence_address: "",
  });
  expect(reply.body.invalid_params).toEqual({
    name: "Sender name should only contain letters",
    dob: "Must be over 18 years",
    residence_address: "residence_address is required",
  });
  const badDate = await s.eko("POST", "/customer/account/9000000003", {
    ...NEW_CUSTOMER,
    dob: "1990-02-30",
  });
  expect(badDate.body.invalid_params).toEqual({ dob: "dob must be a date in YYYY-MM-DD format" });
  const objectAddress = await s.eko("POST", "/customer/account/9000000003", {
    ...NEW_CUSTOMER,
    residence_address: { line: "x" },
  });
  expect(objectAddress.body.invalid_params).toEqual({
    residence_address: "residence_address must be an array of strings",
  });
});

test("client_ref_id longer than 20 characters is rejected; consent GETs require one", async () => {
  const s = makeSandbox();
  const long = await s.eko("GET", "/customer/profile/9000000001", {
    client_ref_id: "X".repeat(21),
  });
  expect(long.body.invalid_params).toEqual({
    client_ref_id: "client_ref_id must be at most 20 characters",
  });
  const consent = await s.eko(
    "GET",
    "/customer/payment/ppi-digikhata/sender/9000000004/aadhaar/consent/details",
    {
      consent_language: "99",
    },
  );
  expect(consent.body.invalid_params).toEqual({
    client_ref_id: "client_ref_id is required",
    consent_language: "Unknown consent_language",
  });
});

test("verify needs otp and otp_ref_id; Levin verify needs intent_id", async () => {
  const s = makeSandbox();
  const reply = await s.eko("POST", `${LEVIN}/9000000001/otp/verify`, {});
  expect(reply.body.invalid_params).toEqual({
    intent_id: "intent_id is required",
    otp: "otp is required",
    otp_ref_id: "otp_ref_id is required",
  });
  const badIntent = await s.eko("POST", `${LEVIN}/9000000001/otp/verify`, {
    otp: "123456",
    otp_ref_id: "abc",
    intent_id: "20",
  });
  expect(badIntent.body.invalid_params).toEqual({
    intent_id: "intent_id must be 19 on this endpoint",
  });
  const legacy = await s.eko("POST", "/customer/account/9000000001/ppi-levin/otp/verify", {
    otp: "12a456",
    otp_ref_id: "abc",
  });
  expect(legacy.body.invalid_params).toEqual({
    intent_id: "intent_id is required",
    otp: "otp must be numeric",
  });
});

test("aadhar must be 12 digits with a valid Verhoeff check digit", async () => {
  const s = makeSandbox();
  const path = "/customer/payment/ppi-digikhata/sender/9000000004/aadhaar/otp";
  expect((await s.eko("POST", path, {})).body.invalid_params).toEqual({
    aadhar: "aadhar is required",
  });
  expect((await s.eko("POST", path, { aadhar: "1234" })).body.invalid_params).toEqual({
    aadhar: "aadhar must be 12 digits",
  });
  expect((await s.eko("POST", path, { aadhar: "234123412345" })).body.invalid_params).toEqual({
    aadhar: "Invalid Aadhaar number",
  });
  // Eko spells it `aadhar`; the common misspelling is not accepted.
  expect((await s.eko("POST", path, { aadhaar: TEST_AADHAAR.valid })).body.invalid_params).toEqual({
    aadhar: "aadhar is required",
  });
});

test("pan_number must be a PAN", async () => {
  const s = makeSandbox();
  const reply = await s.eko("POST", "/customer/payment/ppi-digikhata/sender/9000000005/pan", {
    pan_number: "ABCDE12345",
  });
  expect(reply.body.invalid_params).toEqual({ pan_number: "Invalid PAN format" });
});

test("otp, otp_ref_id, intent_id and service_code may be numbers", async () => {
  const s = makeSandbox({ fixedOtp: "654321" });
  const lookup = await s.eko("GET", `${LEVIN}/9000000001`);
  const verified = await s.eko("POST", `${LEVIN}/9000000001/otp/verify`, {
    otp: 654321,
    otp_ref_id: data(lookup).otp_ref_id,
    intent_id: 19,
    service_code: 80,
  });
  expect(verified.body.response_type_id).toBe(309);
  // A numeric otp_ref_id is read as text too (and is simply unknown here).
  const numericRef = await s.eko("POST", `${LEVIN}/9000000001/otp/verify`, {
    otp: 654321,
    otp_ref_id: 66748392,
    intent_id: 19,
  });
  expect(data(numericRef).description).toBe("OTP reference not recognised");
});

test("an unknown initiator gets business code 319", async () => {
  const s = makeSandbox();
  const reply = await s.eko("GET", "/customer/profile/9000000001", { initiator_id: "9111111111" });
  expect(reply.body).toEqual({
    response_status_id: 1,
    response_type_id: 319,
    message: "Invalid Sender/Initiator",
    status: 319,
  });
});

test("initiatorIds configures who is known", async () => {
  const s = makeSandbox({ initiatorIds: ["9111111111"] });
  const reply = await s.eko("GET", "/customer/profile/9000000001", { initiator_id: "9111111111" });
  expect(reply.body.response_type_id).toBe(2129);
});

test("a malformed JSON body answers -1", async () => {
  const s = makeSandbox();
  const response = await s.app.request("/ekoapi/v3/customer/account/9000000003", {
    method: "POST",
    headers: { ...signedHeaders(s.clock.now()), "content-type": "application/json" },
    body: '{"name": ',
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    response_type_id: -1,
    invalid_params: { body: "Request body is not valid JSON" },
  });
});
