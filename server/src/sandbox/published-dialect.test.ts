import { expect, test } from "vitest";
import { TEST_AADHAAR } from "./personas.ts";
import { data, makeSandbox, NEW_CUSTOMER } from "./test-support.ts";

/* SANDBOX_DIALECT=published / x-sandbox-dialect (README "Dialects"). */

const MOBILE = "9000000003";
const SENDER = `/customer/payment/ppi-levin/sender/${MOBILE}`;
const LEGACY_VERIFY = `/customer/account/${MOBILE}/ppi-levin/otp/verify`;

async function atAadhaar(s: ReturnType<typeof makeSandbox>, headers: Record<string, string> = {}) {
  const onboard = await s.eko("POST", SENDER, { ...NEW_CUSTOMER, service_code: 80 }, { headers });
  const verified = await s.eko(
    "POST",
    `${SENDER}/otp/verify`,
    { otp: await s.latestOtp(MOBILE), otp_ref_id: data(onboard).otp_ref_id, intent_id: "19" },
    { headers },
  );
  expect(verified.body.response_type_id).toBe(2136);
  return { wallet_token: data(verified).wallet_token, wallet_id: data(verified).wallet_id };
}

test("published: C.5 and C.6 answer in the 1388 samples' shapes; one wrong OTP is 302", async () => {
  const s = makeSandbox({ dialect: "published" });
  const wallet = await atAadhaar(s);
  const sent = await s.eko("POST", `${SENDER}/aadhaar/otp`, {
    aadhar: TEST_AADHAAR.valid,
    ...wallet,
  });
  expect(sent.body).toEqual({
    status: 0,
    response_status_id: 0,
    message: "Aadhaar OTP sent successfully",
    response_type_id: 1388,
    data: { otp_ref_id: expect.any(String), mobile_hint: "******0003" },
  });
  const verify = (otp: string) =>
    s.eko("POST", `${SENDER}/aadhaar/otp/verify`, {
      otp,
      otp_ref_id: data(sent).otp_ref_id,
      intent_id: "20",
      ...wallet,
    });
  const right = (await s.outbox(MOBILE)).find((sms) => sms.purpose === "aadhaar")?.otp ?? "";
  const wrong = await verify(right === "000000" ? "111111" : "000000");
  expect(wrong.body).toEqual({
    status: 1,
    response_status_id: 302,
    message: "Wrong OTP. Please check and retry.",
    response_type_id: 1388,
    data: {},
  });
  const verified = await verify(right);
  expect(verified.body).toEqual({
    status: 0,
    response_status_id: 0,
    message: "Aadhaar OTP verified successfully",
    response_type_id: 1388,
    data: {
      verified: true,
      name: "Asha Kumari",
      gender: "F",
      dob: "20-08-1995",
      masked_aadhaar: `XXXX-XXXX-${TEST_AADHAAR.valid.slice(-4)}`,
    },
  });
});

test("published: a stale wallet token is the 463 sample", async () => {
  const s = makeSandbox({ dialect: "published" });
  await atAadhaar(s);
  const answer = await s.eko("POST", `${SENDER}/aadhaar/otp`, {
    aadhar: TEST_AADHAAR.valid,
    wallet_token: "eyJ.stale.token",
    wallet_id: "PPW000000000000",
  });
  expect(answer.body).toMatchObject({ status: 1, response_status_id: 463, response_type_id: 1388 });
});

test("published: Levin Verify Sender OTP only on the master path; the legacy one is 404", async () => {
  const s = makeSandbox({ dialect: "published" });
  const onboard = await s.eko("POST", SENDER, { ...NEW_CUSTOMER, service_code: 80 });
  const body = {
    otp: await s.latestOtp(MOBILE),
    otp_ref_id: data(onboard).otp_ref_id,
    intent_id: "19",
  };
  expect(await s.eko("POST", LEGACY_VERIFY, body)).toEqual({
    status: 404,
    body: { status: 1, message: "No mapping rule matched" },
  });
  expect((await s.eko("POST", `${SENDER}/otp/verify`, body)).body.response_type_id).toBe(2136);
});

test("the default dialect is unchanged; x-sandbox-dialect switches one request; a typo is a 400", async () => {
  const s = makeSandbox();
  const wallet = await atAadhaar(s);
  const aadhaar = { aadhar: TEST_AADHAAR.valid, ...wallet };
  expect((await s.eko("POST", `${SENDER}/aadhaar/otp`, aadhaar)).body.response_type_id).toBe(2129);
  s.clock.advance(61_000);
  const published = await s.eko("POST", `${SENDER}/aadhaar/otp`, aadhaar, {
    headers: { "x-sandbox-dialect": "published" },
  });
  expect(published.body).toMatchObject({
    response_type_id: 1388,
    data: { mobile_hint: "******0003" },
  });
  const legacyVerify = await s.eko(
    "POST",
    LEGACY_VERIFY,
    { otp: "123456", otp_ref_id: "x", intent_id: "19" },
    {
      headers: { "x-sandbox-dialect": "published" },
    },
  );
  expect(legacyVerify.status).toBe(404);
  const typo = await s.eko("GET", SENDER, {}, { headers: { "x-sandbox-dialect": "eko" } });
  expect(typo.status).toBe(400);
});

test("with SANDBOX_SCENARIOS=false the header is ignored", async () => {
  const s = makeSandbox({ scenarios: false });
  const legacyVerify = await s.eko(
    "POST",
    LEGACY_VERIFY,
    { otp: "123456", otp_ref_id: "x", intent_id: "19" },
    { headers: { "x-sandbox-dialect": "published" } },
  );
  expect(legacyVerify.status).toBe(200);
});
