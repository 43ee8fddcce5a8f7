import { expect, test } from "vitest";
import { TEST_AADHAAR } from "./personas.ts";
import { data, makeSandbox, NEW_CUSTOMER } from "./test-support.ts";

/* Flow C (eko-api.md §10 C.1–C.7): wallet token, Aadhaar OTP, PAN. */

const SENDER = (mobile: string) => `/customer/payment/ppi-levin/sender/${mobile}`;

/** A new Levin sender through C.4 → 2136, returning the wallet pair. */
async function newSenderAtAadhaar(s: ReturnType<typeof makeSandbox>, mobile = "9000000003") {
  await s.eko("POST", SENDER(mobile), { ...NEW_CUSTOMER, service_code: 80 });
  const [sms] = await s.outbox(mobile);
  const lookup = await s.eko("GET", SENDER(mobile));
  const verified = await s.eko("POST", `${SENDER(mobile)}/otp/verify`, {
    otp: await s.latestOtp(mobile),
    otp_ref_id: data(lookup).otp_ref_id,
    intent_id: "19",
  });
  expect(sms).toBeDefined();
  expect(verified.body).toMatchObject({
    response_type_id: 2136,
    status: 2136,
    response_status_id: 1,
  });
  return {
    wallet_token: data(verified).wallet_token as string,
    wallet_id: data(verified).wallet_id as string,
  };
}

function claims(token: string): Record<string, unknown> {
  const [header, payload] = token.split(".");
  expect(JSON.parse(Buffer.from(header as string, "base64url").toString())).toEqual({
    alg: "HS256",
    typ: "JWT",
  });
  return JSON.parse(Buffer.from(payload as string, "base64url").toString());
}

test("a new sender goes C.1 → C.7: token at 2136, Aadhaar OTP, identity answer, PAN → 309", async () => {
  const s = makeSandbox();
  expect((await s.eko("GET", SENDER("9000000003"))).body.response_type_id).toBe(308);
  const wallet = await newSenderAtAadhaar(s);

  const tokenClaims = claims(wallet.wallet_token);
  expect(Object.keys(tokenClaims)).toEqual([
    "IdentificationCode",
    "BCAgentId",
    "exp",
    "iss",
    "aud",
  ]);
  expect(tokenClaims).toMatchObject({
    iss: "PayPoint",
    aud: "Partners",
    exp: s.clock.now() / 1000 + 1800,
  });
  expect(wallet.wallet_id).not.toBe("");

  const aadhaarOtp = await s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp`, {
    aadhar: TEST_AADHAAR.valid,
    ...wallet,
  });
  // C.5's legacy sample: status 0 / rsid 0 and an empty intent_id.
  expect(aadhaarOtp.body).toMatchObject({
    response_status_id: 0,
    response_type_id: 2129,
    status: 0,
    data: { intent_id: "", kyc_request_id: "" },
  });
  expect((data(aadhaarOtp).otp_ref_id as string).length).toBeGreaterThanOrEqual(88);
  const [sms] = await s.outbox("9000000003");
  expect(sms).toMatchObject({ purpose: "aadhaar", rail: "levin" });

  const identity = await s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp/verify`, {
    otp: sms?.otp,
    otp_ref_id: data(aadhaarOtp).otp_ref_id,
    intent_id: "20",
    ...wallet,
  });
  expect(identity.body).toEqual({
    status: 0,
    response_status_id: 0,
    response_type_id: 2147,
    message: "Pan Number Required",
    data: {
      verified: true,
      name: "Asha Kumari",
      gender: "F",
      dob: "20-08-1995",
      masked_aadhaar: "XXXX-XXXX-2346",
      application_id: "",
      wallet_token: "",
      wallet_id: "",
    },
  });

  const pan = await s.eko("POST", `${SENDER("9000000003")}/pan`, {
    pan_number: "ABCPK1234F",
    ...wallet,
  });
  expect(pan.body).toMatchObject({ response_type_id: 309, status: 0, response_status_id: -1 });
  expect(data(pan).customer_profile).toMatchObject({ kyc_state: 1, name: "Asha Kumari" });
});

test("C.5–C.7 without a wallet token, or with another customer's, answer the 463 shape", async () => {
  const s = makeSandbox();
  const wallet = await newSenderAtAadhaar(s);
  const other = await newSenderAtAadhaar(s, "7012345678");
  const invalid = {
    status: 1,
    response_status_id: 463,
    message: "Invalid wallet token. Please re-authenticate the sender.",
    response_type_id: 1388,
    data: {},
  };
  const aadhaar = (extra: Record<string, unknown>) =>
    s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp`, { aadhar: TEST_AADHAAR.valid, ...extra });

  expect((await aadhaar({})).body).toEqual(invalid);
  expect((await aadhaar({ wallet_token: wallet.wallet_token })).body).toEqual(invalid);
  expect((await aadhaar({ ...wallet, wallet_id: other.wallet_id })).body).toEqual(invalid);
  expect((await aadhaar({ ...wallet, wallet_token: other.wallet_token })).body).toEqual(invalid);
  const flip = wallet.wallet_token.length - 10;
  const swapped = wallet.wallet_token[flip] === "A" ? "B" : "A";
  const tampered = `${wallet.wallet_token.slice(0, flip)}${swapped}${wallet.wallet_token.slice(flip + 1)}`;
  expect((await aadhaar({ ...wallet, wallet_token: tampered })).body).toEqual(invalid);
  expect(
    (
      await s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp/verify`, {
        otp: "123456",
        otp_ref_id: "x",
      })
    ).body,
  ).toEqual(invalid);
  expect(
    (await s.eko("POST", `${SENDER("9000000003")}/pan`, { pan_number: "ABCPK1234F" })).body,
  ).toEqual(invalid);
  expect((await aadhaar(wallet)).body.response_type_id).toBe(2129);
});

test("an expired wallet token is refused; verifying the mobile again issues a fresh one", async () => {
  const s = makeSandbox();
  const wallet = await newSenderAtAadhaar(s);
  s.clock.advance(30 * 60_000);
  const expired = await s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp`, {
    aadhar: TEST_AADHAAR.valid,
    ...wallet,
  });
  expect(expired.body).toMatchObject({ response_status_id: 463 });

  const lookup = await s.eko("GET", SENDER("9000000003"));
  const verified = await s.eko("POST", `${SENDER("9000000003")}/otp/verify`, {
    otp: await s.latestOtp("9000000003"),
    otp_ref_id: data(lookup).otp_ref_id,
    intent_id: 19,
  });
  expect(data(verified).wallet_id).toBe(wallet.wallet_id);
  const retried = await s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp`, {
    aadhar: TEST_AADHAAR.valid,
    wallet_token: data(verified).wallet_token,
    wallet_id: data(verified).wallet_id,
  });
  expect(retried.body.response_type_id).toBe(2129);
});

test("the rejected test Aadhaar answers 2138 Adhar Validation Failed", async () => {
  const s = makeSandbox();
  const wallet = await newSenderAtAadhaar(s);
  const reply = await s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp`, {
    aadhar: TEST_AADHAAR.rejected,
    ...wallet,
  });
  expect(reply.body).toEqual({
    response_status_id: 1,
    response_type_id: 2138,
    message: "Adhar Validation Failed",
    status: 2138,
  });
});

test("a wrong Aadhaar OTP answers 2131 with attempts left", async () => {
  const s = makeSandbox();
  const wallet = await newSenderAtAadhaar(s);
  const sent = await s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp`, {
    aadhar: TEST_AADHAAR.valid,
    ...wallet,
  });
  const otp = await s.latestOtp("9000000003");
  const reply = await s.eko("POST", `${SENDER("9000000003")}/aadhaar/otp/verify`, {
    otp: otp === "000000" ? "111111" : "000000",
    otp_ref_id: data(sent).otp_ref_id,
    intent_id: "20",
    ...wallet,
  });
  expect(reply.body).toEqual({
    status: 2131,
    response_status_id: 302,
    response_type_id: 2131,
    message: "Validate OTP Failed",
    data: { description: "Wrong OTP", attempts_remaining: 2 },
  });
});

test("existing Levin senders get a 309 with the C.4 shape and a wallet pair", async () => {
  const s = makeSandbox();
  const lookup = await s.eko("GET", SENDER("9000000001"));
  const verified = await s.eko("POST", `${SENDER("9000000001")}/otp/verify`, {
    otp: await s.latestOtp("9000000001"),
    otp_ref_id: data(lookup).otp_ref_id,
    intent_id: "19",
  });
  expect(verified.body.response_type_id).toBe(309);
  expect(data(verified)).toMatchObject({ sender_name: "", next_allowed_limit: 5287, kyc_state: 0 });
  expect(data(verified)).not.toHaveProperty("account");
  expect(claims(data(verified).wallet_token as string).iss).toBe("PayPoint");
});

test("the PAN-pending persona's C.4 answer carries the wallet pair, and C.7 completes", async () => {
  const s = makeSandbox();
  const lookup = await s.eko("GET", SENDER("9000000005"));
  const verified = await s.eko("POST", `${SENDER("9000000005")}/otp/verify`, {
    otp: await s.latestOtp("9000000005"),
    otp_ref_id: data(lookup).otp_ref_id,
    intent_id: "19",
  });
  expect(verified.body).toMatchObject({ response_type_id: 2147, status: 0, response_status_id: 0 });
  const pan = await s.eko("POST", `${SENDER("9000000005")}/pan`, {
    pan_number: "ABCPK1234F",
    wallet_token: data(verified).wallet_token,
    wallet_id: data(verified).wallet_id,
  });
  expect(pan.body.response_type_id).toBe(309);
});

test("legacy C.3 resend answers 2129 with status 0", async () => {
  const s = makeSandbox({ resendIntervalSeconds: 0 });
  await s.eko("GET", SENDER("9000000002"));
  const reply = await s.eko("POST", "/customer/profile/9000000002/ppi-levin/otp");
  expect(reply.body).toMatchObject({
    response_status_id: 0,
    response_type_id: 2129,
    status: 0,
    data: { intent_id: 19 },
  });
});
