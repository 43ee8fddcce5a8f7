import { expect, test } from "vitest";
import { TEST_AADHAAR } from "./personas.ts";
import { data, makeSandbox } from "./test-support.ts";

/* Forced answers by response_type_id: header and queue (eko-api.md §14.1 item 8). */

const scenario = (id: number | string) => ({ headers: { "x-sandbox-scenario": String(id) } });
const LEVIN = "/customer/payment/ppi-levin/sender";

test("x-sandbox-scenario answers the canonical shape for the endpoint", async () => {
  const s = makeSandbox();
  const get = (id: number) => s.eko("GET", "/customer/profile/9000000001", {}, scenario(id));

  expect((await get(308)).body).toEqual({
    response_status_id: 1,
    data: { sender_name: "", ekyc_enabled: "" },
    response_type_id: 308,
    message: "Failure!Customer Not Enrolled",
    status: 308,
  });
  expect((await get(2131)).body).toEqual({
    response_status_id: 1,
    data: { description: "" },
    response_type_id: 2131,
    message: "Validate OTP Failed",
    status: 2131,
  });
  expect((await get(2138)).body).toEqual({
    response_status_id: 1,
    response_type_id: 2138,
    message: "Invalid OTP",
    status: 2138,
  });
  expect((await get(-1)).body).toMatchObject({
    status: 461,
    response_type_id: -1,
    invalid_params: {},
  });
  expect((await get(2132)).body).toEqual({
    response_status_id: 0,
    response_type_id: 2132,
    message: "Customer Registration Completed",
    status: 0,
  });
  expect((await get(9999)).body).toMatchObject({
    response_type_id: 9999,
    status: 9999,
    response_status_id: 1,
  });
});

test("forced 2129 issues a real OTP the client can verify", async () => {
  const s = makeSandbox();
  const forced = await s.eko("GET", "/customer/profile/7000000001", {}, scenario(2129));
  expect(forced.body).toMatchObject({
    response_type_id: 2129,
    status: 2129,
    data: { intent_id: 19 },
  });
  const verified = await s.eko("POST", "/customer/account/7000000001/otp/verify", {
    otp: await s.latestOtp("7000000001"),
    otp_ref_id: data(forced).otp_ref_id,
  });
  expect(verified.body.response_type_id).toBe(309);
});

test("forced 2136 / 2147 / 309 on Levin verify carry the wallet pair and move the stage", async () => {
  const s = makeSandbox();
  const forced = await s.eko(
    "POST",
    `${LEVIN}/9000000002/otp/verify`,
    { otp: "123456", otp_ref_id: "anything", intent_id: "19" },
    scenario(2136),
  );
  expect(forced.body).toMatchObject({
    response_type_id: 2136,
    status: 2136,
    response_status_id: 1,
  });
  const wallet = { wallet_token: data(forced).wallet_token, wallet_id: data(forced).wallet_id };
  // The stage moved: Validate Aadhaar now proceeds for this formerly complete sender.
  const aadhaar = await s.eko("POST", `${LEVIN}/9000000002/aadhaar/otp`, {
    aadhar: TEST_AADHAAR.valid,
    ...wallet,
  });
  expect(aadhaar.body.response_type_id).toBe(2129);

  const pan = await s.eko(
    "POST",
    `${LEVIN}/9000000002/otp/verify`,
    { otp: "1", otp_ref_id: "x", intent_id: "19" },
    scenario(2147),
  );
  expect(data(pan)).toMatchObject({ application_id: "" });
  expect(data(pan).wallet_token).toMatch(/^ey/);
});

test("forced 2147 on C.6 gives the legacy shape; forced 2132 on C.7 the legacy success", async () => {
  const s = makeSandbox();
  const c6 = await s.eko(
    "POST",
    `${LEVIN}/9000000004/aadhaar/otp/verify`,
    { otp: "123456", otp_ref_id: "x" },
    scenario(2147),
  );
  expect(c6.body).toEqual({
    response_status_id: 0,
    data: { wallet_token: "", wallet_id: "", application_id: "" },
    response_type_id: 2147,
    message: "Pan Number Required",
    status: 0,
  });
  const c7 = await s.eko(
    "POST",
    `${LEVIN}/9000000004/pan`,
    { pan_number: "ABCPK1234F" },
    scenario(2132),
  );
  expect(c7.body.response_type_id).toBe(2132);
  // Registration is complete now: the next verify is a 309.
  const lookup = await s.eko("GET", `${LEVIN}/9000000004`);
  const verified = await s.eko("POST", `${LEVIN}/9000000004/otp/verify`, {
    otp: await s.latestOtp("9000000004"),
    otp_ref_id: data(lookup).otp_ref_id,
    intent_id: "19",
  });
  expect(verified.body.response_type_id).toBe(309);
});

test("forced 2138 on Validate Aadhaar is the Aadhaar rejection; 300 on onboard is wallet exists", async () => {
  const s = makeSandbox();
  const rejected = await s.eko(
    "POST",
    `${LEVIN}/9000000004/aadhaar/otp`,
    { aadhar: TEST_AADHAAR.valid },
    scenario(2138),
  );
  expect(rejected.body.message).toBe("Adhar Validation Failed");
  const wallet = await s.eko(
    "POST",
    "/customer/payment/ppi-digikhata/sender/7000000002",
    { name: "A B", dob: "1990-01-01", residence_address: ["x"] },
    scenario(300),
  );
  expect(wallet.body).toMatchObject({
    response_type_id: 300,
    data: { state: "2", state_desc: "Non-Kyc" },
  });
});

test("validation still comes first, then the scenario", async () => {
  const s = makeSandbox();
  const reply = await s.eko("GET", "/customer/profile/12345", {}, scenario(309));
  expect(reply.body.response_type_id).toBe(-1);
});

test("a non-numeric scenario header is a 400, not silently ignored", async () => {
  const s = makeSandbox();
  const reply = await s.eko("GET", "/customer/profile/9000000001", {}, scenario("wallet"));
  expect(reply.status).toBe(400);
});

test("the queue drives the next calls about one mobile, then normal answers resume", async () => {
  const s = makeSandbox();
  const queued = await s.app.request("/scenarios", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mobile: "9000000001", scenario: 308, times: 2 }),
  });
  expect(queued.status).toBe(201);

  // Another mobile is untouched.
  expect((await s.eko("GET", "/customer/profile/9000000002")).body.response_type_id).toBe(2129);
  expect((await s.eko("GET", "/customer/profile/9000000001")).body.response_type_id).toBe(308);
  expect(
    (await s.eko("GET", "/customer/payment/ppi-levin/sender/9000000001")).body.response_type_id,
  ).toBe(308);
  expect((await s.eko("GET", "/customer/profile/9000000001")).body.response_type_id).toBe(2129);
});

test("the queue reaches legacy calls whose customer_id is in the body", async () => {
  const s = makeSandbox();
  await s.app.request("/scenarios", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mobile: "9000000002", scenario: 2131 }),
  });
  const reply = await s.eko("PUT", "/customer/account/otp/verify", {
    customer_id: "9000000002",
    otp: "1",
  });
  expect(reply.body).toMatchObject({ response_type_id: 2131, data: { description: "" } });
  const log = (await (await s.app.request("/requests")).json()) as { override: string | null }[];
  expect(log[0]?.override).toBe("scenario:2131");
});

test("DELETE /scenarios clears the queue; bad entries are 400", async () => {
  const s = makeSandbox();
  const post = (body: unknown) =>
    s.app.request("/scenarios", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  await post({ mobile: "9000000001", scenario: 308, times: 5 });
  expect(await (await s.app.request("/scenarios")).json()).toHaveLength(1);
  expect((await s.app.request("/scenarios", { method: "DELETE" })).status).toBe(204);
  expect((await s.eko("GET", "/customer/profile/9000000001")).body.response_type_id).toBe(2129);

  expect((await post({ mobile: "12345", scenario: 308 })).status).toBe(400);
  expect((await post({ mobile: "9000000001" })).status).toBe(400);
  expect((await post({ mobile: "9000000001", fault: "explode" })).status).toBe(400);
  expect((await post({ mobile: "9000000001", scenario: 308, times: 0 })).status).toBe(400);
});

test("settings.scenarios=false ignores the headers and closes the queue", async () => {
  const s = makeSandbox({ scenarios: false });
  const reply = await s.eko(
    "GET",
    "/customer/profile/9000000001",
    {},
    {
      headers: { "x-sandbox-scenario": "308", "x-sandbox-fault": "500" },
    },
  );
  expect(reply.status).toBe(200);
  expect(reply.body.response_type_id).toBe(2129);
  const queued = await s.app.request("/scenarios", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mobile: "9000000001", scenario: 308 }),
  });
  expect(queued.status).toBe(403);
});
