import { expect, test } from "vitest";
import { data, makeSandbox } from "./test-support.ts";

/*
 * OTP policy (sandbox-defined, eko-api.md §7.5): fresh OTP and reference per
 * send, expiry, attempts, lockout, replaced references, resend interval.
 */

const MOBILE = "9000000002";
const PROFILE = `/customer/profile/${MOBILE}`;
const VERIFY = `/customer/account/${MOBILE}/otp/verify`;
const RESEND = "/customer/account/otp";

function wrong(otp: string): string {
  return otp === "000000" ? "111111" : "000000";
}

test("every send has a fresh 6-digit OTP and a fresh opaque base64 reference", async () => {
  const s = makeSandbox({ resendIntervalSeconds: 0 });
  const first = await s.eko("GET", PROFILE);
  const second = await s.eko("POST", RESEND, { customer_id: MOBILE });
  const refs = [data(first).otp_ref_id, data(second).otp_ref_id] as string[];
  for (const ref of refs) {
    expect(ref).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  }
  expect(refs[0]).not.toBe(refs[1]);
  const sent = await s.outbox(MOBILE);
  expect(sent).toHaveLength(2);
  for (const sms of sent) expect(sms.otp).toMatch(/^\d{6}$/);
});

test("fixedOtp pins the OTP, never the reference", async () => {
  const s = makeSandbox({ fixedOtp: "424242", resendIntervalSeconds: 0 });
  const first = await s.eko("GET", PROFILE);
  const second = await s.eko("GET", PROFILE);
  expect(await s.latestOtp(MOBILE)).toBe("424242");
  expect(data(first).otp_ref_id).not.toBe(data(second).otp_ref_id);
});

test("three wrong OTPs lock the customer out; the right OTP is refused until the lockout ends", async () => {
  const s = makeSandbox();
  const ref = data(await s.eko("GET", PROFILE)).otp_ref_id;
  const otp = await s.latestOtp(MOBILE);

  const first = await s.eko("POST", VERIFY, { otp: wrong(otp), otp_ref_id: ref });
  expect(first.body).toEqual({
    status: 2131,
    response_status_id: 302,
    response_type_id: 2131,
    message: "Validate OTP Failed",
    data: { description: "Wrong OTP", attempts_remaining: 2 },
  });
  const second = await s.eko("POST", VERIFY, { otp: wrong(otp), otp_ref_id: ref });
  expect(data(second).attempts_remaining).toBe(1);

  const third = await s.eko("POST", VERIFY, { otp: wrong(otp), otp_ref_id: ref });
  expect(third.body).toMatchObject({
    status: 2131,
    response_status_id: 302,
    response_type_id: 2131,
  });
  expect(data(third)).toMatchObject({
    description: "Too many wrong OTPs",
    locked_until: new Date(s.clock.now() + 900_000).toISOString(),
    retry_after_seconds: 900,
  });

  const fresh = data(await s.eko("GET", PROFILE)).otp_ref_id;
  const right = await s.eko("POST", VERIFY, { otp: await s.latestOtp(MOBILE), otp_ref_id: fresh });
  expect(data(right).description).toBe("Too many wrong OTPs");

  s.clock.advance(900_000);
  const after = data(await s.eko("GET", PROFILE)).otp_ref_id;
  const unlocked = await s.eko("POST", VERIFY, {
    otp: await s.latestOtp(MOBILE),
    otp_ref_id: after,
  });
  expect(unlocked.body.response_type_id).toBe(309);
});

test("wrong attempts count across resends", async () => {
  const s = makeSandbox({ resendIntervalSeconds: 0 });
  const first = data(await s.eko("GET", PROFILE)).otp_ref_id;
  await s.eko("POST", VERIFY, { otp: wrong(await s.latestOtp(MOBILE)), otp_ref_id: first });
  const second = data(await s.eko("POST", RESEND, { customer_id: MOBILE })).otp_ref_id;
  const reply = await s.eko("POST", VERIFY, {
    otp: wrong(await s.latestOtp(MOBILE)),
    otp_ref_id: second,
  });
  expect(data(reply).attempts_remaining).toBe(1);
});

test("a reference replaced by a resend is refused, the new one works", async () => {
  const s = makeSandbox({ resendIntervalSeconds: 0 });
  const old = data(await s.eko("GET", PROFILE)).otp_ref_id;
  const oldOtp = await s.latestOtp(MOBILE);
  const resent = await s.eko("POST", RESEND, { customer_id: MOBILE });
  expect(resent.body).toMatchObject({
    response_type_id: 2129,
    status: 2129,
    response_status_id: 1,
  });

  const refused = await s.eko("POST", VERIFY, { otp: oldOtp, otp_ref_id: old });
  expect(refused.body).toEqual({
    status: 2131,
    response_status_id: 303,
    response_type_id: 2131,
    message: "Validate OTP Failed",
    data: { description: "OTP reference no longer valid" },
  });
  const accepted = await s.eko("POST", VERIFY, {
    otp: await s.latestOtp(MOBILE),
    otp_ref_id: data(resent).otp_ref_id,
  });
  expect(accepted.body.response_type_id).toBe(309);
});

test("a used reference cannot be verified twice", async () => {
  const s = makeSandbox();
  const ref = data(await s.eko("GET", PROFILE)).otp_ref_id;
  const otp = await s.latestOtp(MOBILE);
  expect((await s.eko("POST", VERIFY, { otp, otp_ref_id: ref })).body.response_type_id).toBe(309);
  const again = await s.eko("POST", VERIFY, { otp, otp_ref_id: ref });
  expect(again.body).toMatchObject({
    response_status_id: 303,
    data: { description: "OTP reference no longer valid" },
  });
});

test("an unknown reference is refused", async () => {
  const s = makeSandbox();
  await s.eko("GET", PROFILE);
  const reply = await s.eko("POST", VERIFY, {
    otp: await s.latestOtp(MOBILE),
    otp_ref_id: "bm90LWEtcmVm",
  });
  expect(data(reply).description).toBe("OTP reference not recognised");
});

test("an expired OTP is refused with 303", async () => {
  const s = makeSandbox({ otpTtlSeconds: 120 });
  const ref = data(await s.eko("GET", PROFILE)).otp_ref_id;
  s.clock.advance(120_000);
  const reply = await s.eko("POST", VERIFY, { otp: await s.latestOtp(MOBILE), otp_ref_id: ref });
  expect(reply.body).toEqual({
    status: 2131,
    response_status_id: 303,
    response_type_id: 2131,
    message: "Validate OTP Failed",
    data: { description: "OTP expired" },
  });
});

test("a resend inside the interval answers -1 naming the wait", async () => {
  const s = makeSandbox({ resendIntervalSeconds: 60 });
  await s.eko("GET", PROFILE);
  s.clock.advance(15_000);
  const early = await s.eko("POST", RESEND, { customer_id: MOBILE });
  expect(early.body).toMatchObject({
    status: 461,
    response_status_id: 1,
    response_type_id: -1,
    message: "Please wait 45 seconds before requesting another OTP",
    data: { retry_after_seconds: 45 },
  });
  expect(early.body.invalid_params).toBeTypeOf("object");
  expect(await s.outbox(MOBILE)).toHaveLength(1);

  s.clock.advance(45_000);
  expect((await s.eko("POST", RESEND, { customer_id: MOBILE })).body.response_type_id).toBe(2129);
});

test("the Levin mobile OTP answers 2138 Invalid OTP with attempts left", async () => {
  const s = makeSandbox();
  const ref = data(await s.eko("GET", `/customer/payment/ppi-levin/sender/${MOBILE}`)).otp_ref_id;
  const reply = await s.eko("POST", `/customer/payment/ppi-levin/sender/${MOBILE}/otp/verify`, {
    otp: wrong(await s.latestOtp(MOBILE)),
    otp_ref_id: ref,
    intent_id: "19",
  });
  expect(reply.body).toEqual({
    response_status_id: 1,
    response_type_id: 2138,
    message: "Invalid OTP",
    status: 2138,
    data: { attempts_remaining: 2 },
  });
});

test("the legacy PUT verify, which sends no otp_ref_id, checks the latest OTP", async () => {
  const s = makeSandbox();
  await s.eko("GET", PROFILE);
  const reply = await s.eko("PUT", "/customer/account/otp/verify", {
    customer_id: MOBILE,
    otp: await s.latestOtp(MOBILE),
  });
  expect(reply.body.response_type_id).toBe(309);
});

test("the locked-out persona is locked from start and free after lockoutSeconds", async () => {
  const s = makeSandbox({ lockoutSeconds: 600 });
  const locked = "9000000007";
  const ref = data(await s.eko("GET", `/customer/profile/${locked}`)).otp_ref_id;
  const reply = await s.eko("POST", `/customer/account/${locked}/otp/verify`, {
    otp: await s.latestOtp(locked),
    otp_ref_id: ref,
  });
  expect(data(reply)).toMatchObject({
    description: "Too many wrong OTPs",
    retry_after_seconds: 600,
  });

  s.clock.advance(600_000);
  const fresh = data(await s.eko("GET", `/customer/profile/${locked}`)).otp_ref_id;
  const ok = await s.eko("POST", `/customer/account/${locked}/otp/verify`, {
    otp: await s.latestOtp(locked),
    otp_ref_id: fresh,
  });
  expect(ok.body.response_type_id).toBe(309);
});

test("POST /reset forgets OTPs, outbox and lockouts", async () => {
  const s = makeSandbox();
  const ref = data(await s.eko("GET", PROFILE)).otp_ref_id;
  const otp = await s.latestOtp(MOBILE);
  expect((await s.app.request("/reset", { method: "POST" })).status).toBe(204);
  expect(await s.outbox(MOBILE)).toEqual([]);
  const reply = await s.eko("POST", VERIFY, { otp, otp_ref_id: ref });
  expect(data(reply).description).toBe("OTP reference not recognised");
});
