import { expect, test } from "vitest";
import { TEST_AADHAAR } from "./personas.ts";
import { createRequestLog, type RequestLogEntry } from "./request-log.ts";
import { data, makeSandbox, NEW_CUSTOMER } from "./test-support.ts";

test("GET /requests lists Eko calls newest first, with rail, customer and outcome", async () => {
  const s = makeSandbox();
  await s.eko("GET", "/customer/profile/9000000001", { client_ref_id: "REF-0001" });
  await s.eko("GET", "/customer/payment/ppi-levin/sender/9000000003");
  await s.eko("GET", "/customer/nowhere");
  const log = (await (await s.app.request("/requests")).json()) as RequestLogEntry[];
  expect(log).toEqual([
    expect.objectContaining({
      method: "GET",
      path: "/ekoapi/v3/customer/nowhere",
      http_status: 404,
    }),
    expect.objectContaining({ rail: "levin", customer_id: "9000000003", response_type_id: 308 }),
    {
      method: "GET",
      path: "/ekoapi/v3/customer/profile/9000000001",
      rail: "customer-account",
      customer_id: "9000000001",
      client_ref_id: "REF-0001",
      dob: null,
      response_type_id: 2129,
      http_status: 200,
      override: null,
      at: new Date(s.clock.now()).toISOString(),
    },
  ]);
});

test("the log never holds OTPs, references, Aadhaar numbers or tokens", async () => {
  const s = makeSandbox();
  await s.eko("POST", "/customer/payment/ppi-levin/sender/9000000003", NEW_CUSTOMER);
  const otp = await s.latestOtp("9000000003");
  const lookup = await s.eko("GET", "/customer/payment/ppi-levin/sender/9000000003");
  const verified = await s.eko("POST", "/customer/payment/ppi-levin/sender/9000000003/otp/verify", {
    otp: await s.latestOtp("9000000003"),
    otp_ref_id: data(lookup).otp_ref_id,
    intent_id: "19",
  });
  await s.eko("POST", "/customer/payment/ppi-levin/sender/9000000003/aadhaar/otp", {
    aadhar: TEST_AADHAAR.valid,
    wallet_token: data(verified).wallet_token,
    wallet_id: data(verified).wallet_id,
  });
  const text = await (await s.app.request("/requests")).text();
  for (const secret of [
    otp,
    await s.latestOtp("9000000003"),
    data(lookup).otp_ref_id as string,
    data(verified).wallet_token as string,
    TEST_AADHAAR.valid,
  ]) {
    expect(text).not.toContain(secret);
  }
});

test("the ring buffer keeps only the most recent entries", () => {
  const log = createRequestLog(3);
  for (const n of [1, 2, 3, 4, 5]) {
    log.add({
      method: "GET",
      path: `/p${n}`,
      rail: null,
      customer_id: null,
      client_ref_id: null,
      dob: null,
      response_type_id: null,
      http_status: 200,
      override: null,
      at: "",
    });
  }
  expect(log.list().map((entry) => entry.path)).toEqual(["/p5", "/p4", "/p3"]);
});

test("GET /outbox needs a 10-digit mobile", async () => {
  const s = makeSandbox();
  expect((await s.app.request("/outbox")).status).toBe(400);
  expect((await s.app.request("/outbox?mobile=12345")).status).toBe(400);
  expect(await (await s.app.request("/outbox?mobile=9000000001")).json()).toEqual([]);
});
