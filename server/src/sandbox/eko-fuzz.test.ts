import fc from "fast-check";
import { expect, test } from "vitest";
import {
  asText,
  encodeSegment,
  fromSchema,
  type JsonSchema,
  type RawBody,
  rawBody,
  shortOddString,
} from "../test-support/fuzz.ts";
import { TEST_AADHAAR } from "./personas.ts";
import { routeTable } from "./routes.ts";
import { makeSandbox, signedHeaders, UAT } from "./test-support.ts";

/*
 * The sandbox's Eko routes with fuzzed paths, parameters, bodies, content
 * types and signatures: an answer is a 200 envelope (often -1, naming the
 * field) or a 4xx JSON body — never a 5xx, since no fault is asked for.
 */

const sandbox = makeSandbox();

/** Every parameter any Eko call takes, with values the sandbox accepts. */
const examples: Record<string, unknown[]> = {
  initiator_id: [UAT.initiatorId],
  user_code: [UAT.userCode],
  customer_id: ["9000000001", "9000000003"],
  service_code: ["80", 80],
  client_ref_id: ["A1b2c3d4"],
  otp: ["123456", 123456],
  otp_ref_id: ["c2FuZGJveA=="],
  intent_id: ["19", "20", 19, ""],
  name: ["Asha Kumari"],
  dob: ["1995-08-20"],
  residence_address: [["12 Park Street", "Kolkata", "West Bengal", "700016"], "12 Park Street"],
  aadhar: [TEST_AADHAAR.valid, TEST_AADHAAR.rejected],
  pan_number: ["ABCPE1234F"],
  consent_language: ["1", 4],
  wallet_token: ["eyJhbGciOiJIUzI1NiJ9.e30.x"],
  wallet_id: ["PPW000000000001"],
};
const paramsSchema: JsonSchema = {
  type: "object",
  properties: Object.fromEntries(Object.keys(examples).map((name) => [name, { type: "string" }])),
};

type EkoRequest = {
  method: string;
  id: string;
  params: unknown;
  body: RawBody | { form: true };
  signature: "valid" | "missing" | "stale" | "garbage";
  override: Record<string, string>;
};

const requestFor = (route: (typeof routeTable)[number]): fc.Arbitrary<EkoRequest> =>
  fc.record({
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH") },
    ),
    id: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("9000000001", "9000000003", "9000000004") },
      { weight: 1, arbitrary: fc.stringMatching(/^\d{1,12}$/) },
      { weight: 2, arbitrary: shortOddString.map(encodeSegment) },
      { weight: 1, arbitrary: fc.constantFrom("%", "%FF", "..", "a%2Fb") },
    ),
    params: fromSchema(paramsSchema, { examples }),
    body: fc.oneof(
      { weight: 4, arbitrary: rawBody(fromSchema(paramsSchema, { examples })) },
      { weight: 1, arbitrary: fc.constant({ form: true as const }) },
    ),
    signature: fc.oneof(
      { weight: 8, arbitrary: fc.constant("valid" as const) },
      { weight: 1, arbitrary: fc.constantFrom("missing" as const, "stale" as const) },
      { weight: 1, arbitrary: fc.constant("garbage" as const) },
    ),
    override: fc.oneof(
      { weight: 8, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(fc.integer({ min: -5, max: 10_000 }).map(String), fc.string({ maxLength: 6 }))
          .map((value) => ({ "x-sandbox-scenario": value })),
      },
      // Never a real fault: those are allowed to answer 5xx.
      {
        weight: 1,
        arbitrary: fc
          .constantFrom("", "slowly", "5000", "re set", "teapot")
          .map((value) => ({ "x-sandbox-fault": value })),
      },
    ),
  });

function headersFor(request: EkoRequest): Record<string, string> {
  const now = sandbox.clock.now();
  if (request.signature === "missing") return { ...request.override };
  if (request.signature === "garbage") {
    return { developer_key: "x", "secret-key": "%%%", "secret-key-timestamp": "soon" };
  }
  const at = request.signature === "stale" ? now - 11 * 60_000 : now;
  return { ...signedHeaders(at), ...request.override };
}

async function send(route: (typeof routeTable)[number], request: EkoRequest) {
  const params = request.params;
  const pairs =
    params && typeof params === "object" && !Array.isArray(params)
      ? Object.entries(params).map(([key, value]): [string, string] => [key, asText(value)])
      : [];
  const query = new URLSearchParams(pairs).toString();
  const path = `/ekoapi/v3${route.pattern.replace(":id", request.id)}`;
  const headers = headersFor(request);
  let url = path;
  let body: string | Uint8Array | undefined;
  if (request.method === "GET" || request.method === "DELETE") url += `?${query}`;
  else if ("form" in request.body) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = query;
  } else {
    if (request.body.contentType) headers["content-type"] = request.body.contentType;
    body = request.body.body;
  }
  const response = await sandbox.app.request(url, { method: request.method, headers, body });
  return { url, response, text: await response.text() };
}

test.each(routeTable.map((route) => [route.method, route.pattern, route] as const))(
  "%s %s: fuzzed calls get a 200 envelope or a 4xx JSON body, never a 5xx",
  async (_method, _pattern, route) => {
    await fc.assert(
      fc.asyncProperty(requestFor(route), async (request) => {
        const { url, response, text } = await send(route, request);
        const where = `${request.method} ${url.slice(0, 200)} → ${response.status} ${text.slice(0, 200)}`;
        expect(response.status, where).toBeLessThan(500);
        expect(text, where).toMatch(/^[{[]/);
        const json = JSON.parse(text) as Record<string, unknown>;
        if (response.status === 200) expect(typeof json.response_type_id, where).toBe("number");
        else expect(response.status, where).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 100 },
    );
    // Still serving: a plain signed lookup answers "OTP sent".
    const lookup = await sandbox.eko("GET", "/customer/payment/ppi-levin/sender/9000000001");
    expect(lookup.body.response_type_id).toBe(2129);
  },
);
