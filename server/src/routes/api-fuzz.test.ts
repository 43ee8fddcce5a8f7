import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, expect, test } from "vitest";
import { createApp } from "../app.ts";
import { createSession } from "../auth/sessions.ts";
import { apiErrorSchema } from "../contract/errors.ts";
import type { FlowView } from "../contract/flow-view.ts";
import { createLogger } from "../logger.ts";
import { openStore } from "../store/open-store.ts";
import { addAgent, sessionCookieFrom, testEnv } from "../test-support/app.ts";
import {
  asText,
  encodeSegment,
  fromSchema,
  type JsonSchema,
  type RawBody,
  rawBody,
  shortOddString,
} from "../test-support/fuzz.ts";
import { listen, serveSandbox } from "../test-support/serve.ts";

/*
 * Every operation in the console's own /api/openapi.json, driven with hostile
 * input over real HTTP: whatever arrives, the answer is a 2xx or a 4xx JSON
 * error `{ error: { code, message, requestId } }` — never a 5xx — and the
 * server keeps answering /healthz. The real sandbox sits behind it, so input
 * that passes validation goes all the way to "Eko".
 */

const dir = await mkdtemp(join(tmpdir(), "eko-fuzz-"));
const sandbox = await serveSandbox();
const env = testEnv({
  EKO_BASE_URL: sandbox.baseUrl,
  SQLITE_PATH: join(dir, "console.db"),
  EKO_TIMEOUT_MS: "3000",
});
const db = await openStore(env);
const server = await listen(createApp({ env, db, logger: createLogger("silent") }).fetch);
afterAll(async () => {
  await server.close();
  await sandbox.close();
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
});

const admin = await addAgent(db, { role: "admin" });
const signedIn = sessionCookieFrom(
  await fetch(`${server.origin}/api/auth/sign-in`, {
    method: "POST",
    headers: { origin: server.origin, "content-type": "application/json" },
    body: JSON.stringify({ login: admin.agent.login, password: admin.password }),
  }),
);
const cookieName = signedIn.split("=")[0];
/** A session of its own per request, so a fuzzed sign-out ends only that one. */
const freshCookie = async () =>
  `${cookieName}=${await createSession(db, admin.agent.id, new Date(), env.session)}`;
const own = { origin: server.origin, cookie: signedIn };

async function startFlow(rail: string, mobile: string): Promise<FlowView> {
  const response = await fetch(`${server.origin}/api/flows`, {
    method: "POST",
    headers: { ...own, "content-type": "application/json" },
    body: JSON.stringify({ rail, mobile }),
  });
  return (await response.json()) as FlowView;
}
// Flows at every kind of step, so fuzzed bodies reach each step's handler.
const flowIds = [
  (await startFlow("customer-account", "9000000001")).id, // otp
  (await startFlow("digikhata", "9000000003")).id, // onboard
  (await startFlow("levin", "9000000004")).id, // otp, then Aadhaar
  (await startFlow("levin", "9000000005")).id, // otp, then PAN
];

type Parameter = { name: string; in: "path" | "query"; schema: JsonSchema };
type Operation = { method: string; path: string; parameters: Parameter[]; body?: JsonSchema };

const doc = (await (await fetch(`${server.origin}/api/openapi.json`, { headers: own })).json()) as {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: { "application/json"?: { schema: JsonSchema } } };
      }
    >
  >;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    parameters: op.parameters ?? [],
    body: op.requestBody?.content["application/json"]?.schema,
  })),
);

type FuzzRequest = {
  segments: Record<string, string>;
  query: string;
  body: RawBody;
  cookie: string | "fresh" | null;
  origin: string | null;
};

/** Path parameter: an existing flow, a well-formed id, or raw / encoded garbage. */
const segment = (schema: JsonSchema) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...flowIds) },
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
          Object.entries({ ...b, ...a }).map(([key, value]) => [key, asText(value)]),
        ).toString(),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("%", "a=%zz", "from=%FF", "&&==&", "outcome[]=1&outcome[]=2"),
    },
  );
}

function requests(op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((parameter) => parameter.in === "path");
  return fc.record({
    segments: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, segment(p.schema)]))),
    query: fc.oneof(fc.constant(""), query(op.parameters)),
    body:
      op.method === "GET"
        ? fc.constant({ contentType: null, body: undefined })
        : rawBody(op.body ? fromSchema(op.body) : fc.jsonValue({ maxDepth: 2 })),
    cookie: fc.oneof(
      { weight: 6, arbitrary: fc.constant("fresh") },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `${cookieName}=${s}`) },
    ),
    origin: fc.oneof(
      { weight: 6, arbitrary: fc.constant(server.origin) },
      { weight: 1, arbitrary: fc.constantFrom(null, "http://evil.example", "null") },
    ),
  });
}

async function send(op: Operation, request: FuzzRequest) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => request.segments[name] ?? "");
  const url = `${server.origin}/api${path}${request.query ? `?${request.query}` : ""}`;
  const headers: Record<string, string> = {};
  if (request.body.contentType) headers["content-type"] = request.body.contentType;
  if (request.origin) headers.origin = request.origin;
  if (request.cookie)
    headers.cookie = request.cookie === "fresh" ? await freshCookie() : request.cookie;
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

async function expectHealthy() {
  const health = await fetch(`${server.origin}/healthz`);
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

test.each(operations.map((op) => [op.method, op.path, op] as const))(
  "%s %s: hostile input is answered 2xx or a 4xx JSON error, never 5xx",
  async (_method, _path, op) => {
    await fc.assert(
      fc.asyncProperty(requests(op), async (request) => expectWellFormed(await send(op, request))),
      { numRuns: 60 },
    );
    await expectHealthy();
  },
  30_000,
);

test("every operation that takes a body refuses one over 64 KB with 413 payload_too_large", async () => {
  const withBody = operations.filter((op) => op.method !== "GET");
  expect(withBody.length).toBeGreaterThanOrEqual(8);
  for (const op of withBody) {
    const path = op.path.replace("{flowId}", flowIds[0] ?? "");
    const response = await fetch(`${server.origin}/api${path}`, {
      method: op.method,
      headers: { ...own, "content-type": "application/json" },
      body: JSON.stringify({ otp: "1".repeat(70 * 1024) }),
    });
    expect(response.status, `${op.method} ${op.path}`).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "payload_too_large",
    );
  }
  await expectHealthy();
});
