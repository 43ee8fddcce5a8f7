import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { apiErrorSchema } from "../contract/errors.ts";
import { AADHAAR_CONSENT_VERSION } from "../flows/consent.ts";
import { TEST_AADHAAR } from "../sandbox/personas.ts";
import { engines } from "../test-support/databases.ts";
import { CONSENT, NEW_CUSTOMER, PAN } from "../test-support/flow-harness.ts";
import {
  asText,
  encodeSegment,
  fromSchema,
  type JsonSchema,
  type RawBody,
  rawBody,
  shortOddString,
} from "../test-support/fuzz.ts";
import {
  type FuzzConsole,
  fuzzConsole,
  type Operation,
  type Parameter,
} from "../test-support/fuzz-console.ts";
import { startPostgres } from "../test-support/postgres.ts";

/*
 * Every operation in the console's own /api/openapi.json, driven with hostile
 * input over real HTTP, on SQLite and on PostgreSQL (which refuses NUL in
 * text): whatever arrives, the answer is a 2xx or a 4xx JSON error
 * `{ error: { code, message, requestId } }` — never a 5xx — and the server
 * keeps answering /healthz. The real sandbox sits behind it, so input that
 * passes validation goes all the way to "Eko".
 */

const postgres = await startPostgres();
const targets: Record<string, FuzzConsole> = {
  sqlite: await fuzzConsole("sqlite", null),
  postgres: await fuzzConsole("postgres", postgres),
};
afterAll(async () => {
  await Promise.all(Object.values(targets).map((target) => target.close()));
  await postgres.stop();
});
const operations = targets.sqlite?.operations ?? [];

/**
 * Valid values for fields the schema cannot describe (transforms, checksums),
 * so a share of runs passes validation and reaches the flow engine and "Eko".
 */
const examples = (target: FuzzConsole): Record<string, unknown[]> => ({
  mobile: ["9000000001", "9000000002", "+91 90000 00003", "6123456789", "0912345678"],
  aadhaar: [TEST_AADHAAR.valid, TEST_AADHAAR.rejected, "2341 2341 2346"],
  pan: [PAN, "abcpe1234f"],
  name: [NEW_CUSTOMER.name, "A"],
  dob: [NEW_CUSTOMER.dob, "2020-02-30"],
  address: [NEW_CUSTOMER.address],
  consent: [CONSENT],
  version: [AADHAAR_CONSENT_VERSION],
  login: [target.admin.agent.login],
  otp: ["123456", "0000"],
});

type FuzzRequest = {
  segments: Record<string, string>;
  query: string;
  body: RawBody;
  cookie: string | "fresh" | null;
  origin: string | null;
};

/** Path parameter: an existing flow, a well-formed id, or raw / encoded garbage. */
const segment = (target: FuzzConsole, schema: JsonSchema) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...target.flowIds) },
    {
      weight: 2,
      arbitrary: fromSchema(schema, { odd: shortOddString }).map((value) =>
        encodeSegment(asText(value)),
      ),
    },
    { weight: 2, arbitrary: shortOddString.map(encodeSegment) },
    { weight: 1, arbitrary: fc.constantFrom("%", "%FF%FE", "..", "%2e%2e", "a%2Fb", "%00", "-") },
  );

function query(parameters: Parameter[]): fc.Arbitrary<string> {
  const named = parameters.filter((parameter) => parameter.in === "query");
  const pairs = fc.tuple(
    fc.record(
      Object.fromEntries(named.map((p) => [p.name, fromSchema(p.schema, { odd: shortOddString })])),
      { requiredKeys: [] },
    ),
    fc.dictionary(shortOddString, shortOddString, { maxKeys: 3 }),
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: pairs.map(([a, b]) =>
        new URLSearchParams(
          Object.entries({ ...b, ...a }).map(([key, value]): [string, string] => [
            key,
            asText(value),
          ]),
        ).toString(),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("%", "a=%zz", "from=%FF", "&&==&", "outcome[]=1&outcome[]=2"),
    },
  );
}

function requests(target: FuzzConsole, op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((parameter) => parameter.in === "path");
  return fc.record({
    segments: fc.record(
      Object.fromEntries(pathParams.map((p) => [p.name, segment(target, p.schema)])),
    ),
    query: fc.oneof(fc.constant(""), query(op.parameters)),
    body:
      op.method === "GET"
        ? fc.constant({ contentType: null, body: undefined })
        : rawBody(
            op.body
              ? fromSchema(op.body, { examples: examples(target) })
              : fc.jsonValue({ maxDepth: 2 }),
          ),
    cookie: fc.oneof(
      { weight: 6, arbitrary: fc.constant("fresh") },
      { weight: 1, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.string({ maxLength: 40 }).map((s) => `${target.cookieName}=${s}`),
      },
    ),
    origin: fc.oneof(
      { weight: 6, arbitrary: fc.constant(target.origin) },
      { weight: 1, arbitrary: fc.constantFrom(null, "http://evil.example", "null") },
    ),
  });
}

async function send(target: FuzzConsole, op: Operation, request: FuzzRequest) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => request.segments[name] ?? "");
  const url = `${target.origin}/api${path}${request.query ? `?${request.query}` : ""}`;
  const headers: Record<string, string> = {};
  if (request.body.contentType) headers["content-type"] = request.body.contentType;
  if (request.origin) headers.origin = request.origin;
  if (request.cookie)
    headers.cookie = request.cookie === "fresh" ? await target.freshCookie() : request.cookie;
  const response = await fetch(url, {
    method: op.method,
    headers,
    body: request.body.body,
    redirect: "manual",
    // A request the server never answers is a failure too, not a hung test.
    signal: AbortSignal.timeout(5_000),
  });
  return { url, response, text: await response.text() };
}

/** A 2xx, or a 4xx in the one error shape with the request id echoed. Never a 5xx. */
function expectWellFormed({ url, response, text }: Awaited<ReturnType<typeof send>>) {
  const type = response.headers.get("content-type") ?? "";
  const where = `${url.slice(0, 200)} → ${response.status} ${type} ${text.slice(0, 300)}`;
  expect(response.status, where).toBeLessThan(500);
  if (response.status < 400) return;
  expect(type, where).toMatch(/^application\/json/);
  const parsed = apiErrorSchema.safeParse(JSON.parse(text));
  expect(parsed.success, where).toBe(true);
  expect(parsed.data?.error.requestId).toBe(response.headers.get("x-request-id"));
}

async function expectHealthy(target: FuzzConsole) {
  const health = await fetch(`${target.origin}/healthz`);
  expect(health.status).toBe(200);
}

test("the OpenAPI document lists every console operation", () => {
  expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual(
    expect.arrayContaining([
      "POST /auth/sign-in",
      "POST /flows",
      "POST /flows/{flowId}/otp/verify",
      "POST /flows/{flowId}/aadhaar",
      "GET /activity",
    ]),
  );
  expect(operations.length).toBeGreaterThanOrEqual(15);
});

describe.each(engines)("%s", (engine) => {
  const target = targets[engine] as FuzzConsole;

  test.each(operations.map((op) => [op.method, op.path, op] as const))(
    "%s %s: hostile input is answered 2xx or a 4xx JSON error, never 5xx",
    async (_method, _path, op) => {
      await fc.assert(
        fc.asyncProperty(requests(target, op), async (request) =>
          expectWellFormed(await send(target, op, request)),
        ),
        { numRuns: 60 },
      );
      await expectHealthy(target);
    },
    30_000,
  );

  test("every operation that takes a body refuses one over 64 KB with 413 payload_too_large", async () => {
    const withBody = operations.filter((op) => op.method !== "GET");
    expect(withBody.length).toBeGreaterThanOrEqual(8);
    for (const op of withBody) {
      const path = op.path.replace("{flowId}", target.flowIds[0] ?? "");
      const response = await fetch(`${target.origin}/api${path}`, {
        method: op.method,
        headers: {
          origin: target.origin,
          cookie: target.cookie,
          "content-type": "application/json",
        },
        body: JSON.stringify({ otp: "1".repeat(70 * 1024) }),
      });
      expect(response.status, `${op.method} ${op.path}`).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        "payload_too_large",
      );
    }
    await expectHealthy(target);
  });
});
