import { expect, test } from "vitest";
import { TEST_AADHAAR } from "./personas.ts";
import {
  type CallOptions,
  data,
  type EkoReply,
  jsonOf,
  makeSandbox,
  NEW_CUSTOMER,
  seededRandom,
  signedHeaders,
} from "./test-support.ts";

/*
 * Paths and encodings (eko-api.md §5.2, §8–10 path maps, §14.1 item 2):
 * master and legacy aliases, JSON and urlencoded bodies give the same
 * answers; unknown paths 404, wrong methods 405, other content types 415.
 */

type Sandbox = ReturnType<typeof makeSandbox>;
type Step = (s: Sandbox, last: EkoReply[]) => Promise<EkoReply>;

/** Runs the same steps on two identically seeded sandboxes and returns both transcripts. */
async function twins(left: Step[], right: Step[]): Promise<[unknown[], unknown[]]> {
  const run = async (steps: Step[]) => {
    const s = makeSandbox({ random: seededRandom(7), resendIntervalSeconds: 0 });
    const replies: EkoReply[] = [];
    for (const step of steps) replies.push(await step(s, replies));
    return replies.map((reply) => ({ status: reply.status, body: reply.body }));
  };
  return [await run(left), await run(right)];
}

const M = "9000000003";
const ref = (replies: EkoReply[], index: number) => data(replies[index] as EkoReply).otp_ref_id;
const wallet = (replies: EkoReply[], index: number) => ({
  wallet_token: data(replies[index] as EkoReply).wallet_token,
  wallet_id: data(replies[index] as EkoReply).wallet_id,
});

test("customer account: legacy onboard and PUT verify answer like the master paths", async () => {
  const [master, legacy] = await twins(
    [
      (s) => s.eko("POST", `/customer/account/${M}`, NEW_CUSTOMER),
      async (s, r) =>
        s.eko("POST", `/customer/account/${M}/otp/verify`, {
          otp: await s.latestOtp(M),
          otp_ref_id: ref(r, 0),
        }),
    ],
    [
      (s) => s.eko("POST", "/customer/account", { customer_id: M, ...NEW_CUSTOMER }),
      async (s, r) =>
        s.eko("PUT", "/customer/account/otp/verify", {
          customer_id: M,
          otp: await s.latestOtp(M),
          otp_ref_id: ref(r, 0),
        }),
    ],
  );
  expect(legacy).toEqual(master);
  expect((master[1] as EkoReply).body.response_type_id).toBe(309);
});

test("DigiKhata: service_code 80 legacy paths answer like the master paths, B.1 → B.9", async () => {
  const base = `/customer/payment/ppi-digikhata/sender/${M}`;
  const legacyBase = `/customer/account/${M}/ppi`;
  const otp = (s: Sandbox) => s.latestOtp(M);
  const [master, legacy] = await twins(
    [
      (s) => s.eko("GET", base),
      (s) => s.eko("POST", base, NEW_CUSTOMER),
      async (s, r) =>
        s.eko("POST", `${base}/otp/verify`, {
          otp: await otp(s),
          otp_ref_id: ref(r, 1),
          intent_id: "19",
        }),
      (s) => s.eko("POST", `${base}/aadhaar/otp`, { aadhar: TEST_AADHAAR.valid }),
      async (s, r) =>
        s.eko("POST", `${base}/aadhaar/otp/verify`, {
          otp: await otp(s),
          otp_ref_id: ref(r, 3),
          intent_id: "20",
        }),
      (s) => s.eko("POST", `${base}/pan`, { pan_number: "ABCPK1234F" }),
    ],
    [
      (s) => s.eko("GET", `/customer/profile/${M}`, { service_code: 80 }),
      (s) =>
        s.eko("POST", "/customer/account", { customer_id: M, service_code: 80, ...NEW_CUSTOMER }),
      async (s, r) =>
        s.eko("POST", `${legacyBase}/otp/verify`, {
          otp: await otp(s),
          otp_ref_id: ref(r, 1),
          intent_id: "19",
          service_code: 80,
        }),
      (s) =>
        s.eko("POST", `${legacyBase}/aadhaar`, { aadhar: TEST_AADHAAR.valid, service_code: 80 }),
      async (s, r) =>
        s.eko("POST", `${legacyBase}/otp/verify`, {
          otp: await otp(s),
          otp_ref_id: ref(r, 3),
          intent_id: "20",
          service_code: 80,
        }),
      (s) => s.eko("POST", `${legacyBase}/pan`, { pan_number: "ABCPK1234F", service_code: 80 }),
    ],
  );
  expect(legacy).toEqual(master);
  expect(master.map((reply) => (reply as EkoReply).body.response_type_id)).toEqual([
    308, 2129, 2136, 2129, 2147, 309,
  ]);
});

test("Levin: the legacy shared verify path (intent 19 / 20) and legacy Aadhaar / PAN paths match master", async () => {
  const base = `/customer/payment/ppi-levin/sender/${M}`;
  const legacyBase = `/customer/account/${M}/ppi-levin`;
  const otp = (s: Sandbox) => s.latestOtp(M);
  const [master, legacy] = await twins(
    [
      (s) => s.eko("POST", base, NEW_CUSTOMER),
      async (s, r) =>
        s.eko("POST", `${base}/otp/verify`, {
          otp: await otp(s),
          otp_ref_id: ref(r, 0),
          intent_id: "19",
        }),
      (s, r) =>
        s.eko("POST", `${base}/aadhaar/otp`, { aadhar: TEST_AADHAAR.valid, ...wallet(r, 1) }),
      async (s, r) =>
        s.eko("POST", `${base}/aadhaar/otp/verify`, {
          otp: await otp(s),
          otp_ref_id: ref(r, 2),
          intent_id: "20",
          ...wallet(r, 1),
        }),
      (s, r) => s.eko("POST", `${base}/pan`, { pan_number: "ABCPK1234F", ...wallet(r, 1) }),
    ],
    [
      (s) => s.eko("POST", base, NEW_CUSTOMER),
      async (s, r) =>
        s.eko("POST", `${legacyBase}/otp/verify`, {
          otp: await otp(s),
          otp_ref_id: ref(r, 0),
          intent_id: "19",
        }),
      (s, r) =>
        s.eko("POST", `${legacyBase}/aadhaar`, { aadhar: TEST_AADHAAR.valid, ...wallet(r, 1) }),
      async (s, r) =>
        s.eko("POST", `${legacyBase}/otp/verify`, {
          otp: await otp(s),
          otp_ref_id: ref(r, 2),
          intent_id: "20",
          ...wallet(r, 1),
        }),
      (s, r) => s.eko("POST", `${legacyBase}/pan`, { pan_number: "ABCPK1234F", ...wallet(r, 1) }),
    ],
  );
  expect(legacy).toEqual(master);
  expect(master.map((reply) => (reply as EkoReply).body.response_type_id)).toEqual([
    2129, 2136, 2129, 2147, 309,
  ]);
});

test("JSON and urlencoded bodies give identical answers", async () => {
  const base = `/customer/payment/ppi-levin/sender/${M}`;
  const flow = (options: CallOptions): Step[] => [
    (s) => s.eko("POST", base, { ...NEW_CUSTOMER, service_code: 80 }, options),
    async (s, r) =>
      s.eko(
        "POST",
        `${base}/otp/verify`,
        // Numbers in JSON, text in the form: Eko documents integers, sends strings (§13).
        { otp: Number(await s.latestOtp(M)), otp_ref_id: ref(r, 0), intent_id: 19 },
        options,
      ),
    (s, r) =>
      s.eko(
        "POST",
        `${base}/aadhaar/otp`,
        { aadhar: TEST_AADHAAR.valid, ...wallet(r, 1) },
        options,
      ),
    (s) => s.eko("POST", `${base}/otp/verify`, { otp: "12", otp_ref_id: "" }, options),
  ];
  const [json, form] = await twins(flow({}), flow({ form: true }));
  expect(form).toEqual(json);
  expect(json.map((reply) => (reply as EkoReply).body.response_type_id)).toEqual([
    2129, 2136, 2129, -1,
  ]);
});

test("a urlencoded residence_address may be JSON text, repeated keys or key[]", async () => {
  for (const encoded of [
    `residence_address=${encodeURIComponent('["12 Park Street","Kolkata"]')}`,
    "residence_address=12+Park+Street&residence_address=Kolkata",
    "residence_address%5B%5D=12+Park+Street&residence_address%5B%5D=Kolkata",
  ]) {
    const s = makeSandbox();
    const response = await s.app.request(`/ekoapi/v3/customer/account/${M}`, {
      method: "POST",
      headers: {
        ...signedHeaders(s.clock.now()),
        "content-type": "application/x-www-form-urlencoded; charset=UTF-8",
      },
      body: `initiator_id=9962981729&user_code=20810200&name=Asha+Kumari&dob=1995-08-20&${encoded}`,
    });
    expect((await jsonOf(response)).response_type_id).toBe(2129);
  }
});

test("common parameters may come in the query string of a POST (legacy clients)", async () => {
  const s = makeSandbox();
  const response = await s.app.request(
    `/ekoapi/v3/customer/account/${M}?initiator_id=9962981729&user_code=20810200`,
    {
      method: "POST",
      headers: { ...signedHeaders(s.clock.now()), "content-type": "application/json" },
      body: JSON.stringify(NEW_CUSTOMER),
    },
  );
  expect((await jsonOf(response)).response_type_id).toBe(2129);
});

test("/ekoicici/v3 (production base) serves the same API", async () => {
  const s = makeSandbox();
  const response = await s.app.request(
    "/ekoicici/v3/customer/profile/9000000001?initiator_id=9962981729&user_code=20810200",
    { headers: signedHeaders(s.clock.now()) },
  );
  expect((await jsonOf(response)).response_type_id).toBe(2129);
});

test("unknown paths are 404 with an Eko-like JSON body", async () => {
  const s = makeSandbox();
  for (const path of [
    "/ekoapi/v3/customer/payment/ppi-levin/sender/9000000001/otp",
    "/ekoapi/v3/customer/account/9000000001/dmt-levin/otp/verify",
    "/ekoapi/v1/customer/profile/9000000001",
  ]) {
    const response = await s.app.request(path, { headers: signedHeaders(s.clock.now()) });
    expect(response.status).toBe(404);
    expect(await jsonOf(response)).toEqual({ status: 1, message: "No mapping rule matched" });
  }
});

test("a wrong method is 405 with Allow", async () => {
  const s = makeSandbox();
  const onProfile = await s.app.request("/ekoapi/v3/customer/profile/9000000001", {
    method: "POST",
  });
  expect(onProfile.status).toBe(405);
  expect(onProfile.headers.get("allow")).toBe("GET");
  // Legacy verify is PUT only.
  const onLegacyVerify = await s.app.request("/ekoapi/v3/customer/account/otp/verify", {
    method: "POST",
  });
  expect(onLegacyVerify.status).toBe(405);
  expect(onLegacyVerify.headers.get("allow")).toBe("PUT");
});

test("writes in any other content type are 415; GETs ignore content-type", async () => {
  const s = makeSandbox();
  for (const contentType of ["text/plain", "multipart/form-data; boundary=x", "application/xml"]) {
    const response = await s.app.request(`/ekoapi/v3/customer/account/${M}`, {
      method: "POST",
      headers: { ...signedHeaders(s.clock.now()), "content-type": contentType },
      body: "name=x",
    });
    expect(response.status).toBe(415);
  }
  const get = await s.eko(
    "GET",
    "/customer/profile/9000000001",
    {},
    { headers: { "content-type": "text/plain" } },
  );
  expect(get.status).toBe(200);
});

test("a trailing slash is tolerated", async () => {
  const s = makeSandbox();
  const reply = await s.eko("GET", "/customer/profile/9000000001/");
  expect(reply.body.response_type_id).toBe(2129);
});
