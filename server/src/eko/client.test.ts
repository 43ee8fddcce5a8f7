import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, expect, test } from "vitest";
import { UAT_CREDENTIALS } from "../env.ts";
import { levinRail } from "../flows/levin.ts";
import { createLogger } from "../logger.ts";
import { createEkoClient, type EkoClientOptions } from "./client.ts";
import { EkoTransportError } from "./errors.ts";
import { secretKeyMatches } from "./sign.ts";

type Seen = { method: string; url: URL; headers: IncomingMessage["headers"]; body: string };
type Behaviour =
  | ((res: ServerResponse, req: IncomingMessage) => void)
  | { status?: number; body: string };

const OK = JSON.stringify({
  response_status_id: 1,
  response_type_id: 2129,
  message: "Validate the OTP",
  status: 2129,
  data: { otp_ref_id: "REF-SECRET-123" },
});
/** The Levin rail's C.6 request builder, as the flow service calls it. */
function verifyLevinAadhaarOtp(
  eko: ReturnType<typeof createEkoClient>,
  context: { customerId: string; userCode: string; requestId: string },
  input: { otp: string; otpRefId: string; walletToken: string; walletId: string },
) {
  const step = levinRail.verifyOtp.aadhaar;
  if (!step) throw new Error("Levin verifies Aadhaar OTPs");
  const { otp, ...secrets } = input;
  return step.call({ eko, context, secrets }, otp);
}

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A tiny stand-in for Eko that answers from a queue (then 2129) and records what it got. */
async function fakeEko(queue: Behaviour[] = []) {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({
      method: req.method ?? "",
      url: new URL(req.url ?? "/", "http://x"),
      headers: req.headers,
      body,
    });
    const next = queue.shift() ?? { body: OK };
    if (typeof next === "function") return next(res, req);
    res.writeHead(next.status ?? 200, { "content-type": "application/json" }).end(next.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  const { port } = server.address() as AddressInfo;
  return { seen, baseUrl: `http://127.0.0.1:${port}/ekoapi/v3` };
}

function logSink() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", sink), text: () => lines.join("") };
}

function client(baseUrl: string, extra: Partial<EkoClientOptions> = {}) {
  return createEkoClient({
    baseUrl: () => baseUrl,
    developerKey: UAT_CREDENTIALS.developerKey,
    accessKey: UAT_CREDENTIALS.accessKey,
    initiatorId: UAT_CREDENTIALS.initiatorId,
    timeoutMs: 300,
    logger: logSink().logger,
    now: () => 1_735_689_600_000,
    ...extra,
  });
}

const ctx = { customerId: "9000000001", userCode: "20810200", requestId: "req-1" };

async function failure(promise: Promise<unknown>): Promise<EkoTransportError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EkoTransportError);
  return error as EkoTransportError;
}

test("GET: common params in the query (service_code on DigiKhata), signed, request id forwarded", async () => {
  const eko = await fakeEko();
  const result = await client(eko.baseUrl).call("digikhataGet", ctx);
  expect(result.answer.responseTypeId).toBe(2129);
  const [request] = eko.seen;
  expect(request?.method).toBe("GET");
  expect(request?.url.pathname).toBe("/ekoapi/v3/customer/payment/ppi-digikhata/sender/9000000001");
  expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
    initiator_id: UAT_CREDENTIALS.initiatorId,
    user_code: "20810200",
    service_code: "80",
  });
  expect(request?.body).toBe("");
  expect(request?.headers["x-request-id"]).toBe("req-1");
  expect(request?.headers.developer_key).toBe(UAT_CREDENTIALS.developerKey);
  expect(request?.headers["secret-key-timestamp"]).toBe("1735689600000");
  const secret = String(request?.headers["secret-key"]);
  expect(secretKeyMatches(UAT_CREDENTIALS.accessKey, "1735689600000", secret)).toBe(true);
});

test("POST: JSON body with common params and a unique client_ref_id of at most 20 chars", async () => {
  const eko = await fakeEko();
  const eko2 = client(eko.baseUrl);
  const wallet = { walletToken: "eyJ.tok", walletId: "PPW1" };
  await verifyLevinAadhaarOtp(eko2, ctx, { otp: "012345", otpRefId: "ref", ...wallet });
  await eko2.call("customerResendOtp", ctx);
  const [first, second] = eko.seen.map((seen) => ({ ...seen, json: JSON.parse(seen.body) }));
  expect(first?.headers["content-type"]).toBe("application/json");
  expect(first?.url.pathname).toBe(
    "/ekoapi/v3/customer/payment/ppi-levin/sender/9000000001/aadhaar/otp/verify",
  );
  expect(first?.json).toMatchObject({
    initiator_id: UAT_CREDENTIALS.initiatorId,
    user_code: "20810200",
    otp: "012345",
    otp_ref_id: "ref",
    intent_id: "20",
    wallet_token: "eyJ.tok",
    wallet_id: "PPW1",
  });
  // A.3 is a legacy path without {customer_id}: the mobile goes in the body.
  expect(second?.url.pathname).toBe("/ekoapi/v3/customer/account/otp");
  expect(second?.json.customer_id).toBe("9000000001");
  const refs = [first?.json.client_ref_id, second?.json.client_ref_id];
  for (const ref of refs) expect(ref).toMatch(/^[A-C][0-9a-z]{1,19}$/);
  expect(refs[0]).not.toBe(refs[1]);
});

test("403 → upstream_auth_failed naming the clock and keys", async () => {
  const eko = await fakeEko([{ status: 403, body: "Forbidden" }]);
  const error = await failure(client(eko.baseUrl).call("levinGet", ctx));
  expect(error.code).toBe("upstream_auth_failed");
  expect(error.message).toMatch(/clock/);
  expect(error.message).toMatch(/EKO_ACCESS_KEY/);
  expect(eko.seen).toHaveLength(1);
});

test("5xx → upstream_unavailable with an unknown outcome; a GET is retried once, a write never", async () => {
  const eko = await fakeEko([
    { status: 500, body: "" },
    { status: 502, body: "" },
    { status: 500, body: "" },
  ]);
  const api = client(eko.baseUrl);
  expect((await failure(api.call("customerGet", ctx))).code).toBe("upstream_unavailable");
  expect(eko.seen).toHaveLength(2);
  const write = await failure(api.call("customerVerifyOtp", ctx, { otp: "1", otp_ref_id: "r" }));
  expect(write).toMatchObject({
    code: "upstream_unavailable",
    outcomeUnknown: true,
    httpStatus: 500,
  });
  expect(eko.seen).toHaveLength(3);
});

test("a GET that fails once and then succeeds is retried transparently", async () => {
  const eko = await fakeEko([{ status: 503, body: "" }]);
  const result = await client(eko.baseUrl).call("levinGet", ctx);
  expect(result.answer.responseTypeId).toBe(2129);
  expect(eko.seen).toHaveLength(2);
});

// An unreadable HTTP 200 means Eko processed the request and we cannot tell how;
// a 404 means it never reached an endpoint.
test.each([
  ["HTML", { body: "<html><body>Gateway</body></html>" }, true],
  ["malformed JSON", { body: '{"response_type_id": 21' }, true],
  ["not an envelope", { body: JSON.stringify({ hello: "world" }) }, true],
  ["404", { status: 404, body: "No mapping rule matched" }, false],
])("%s → upstream_bad_response", async (_kind, behaviour, outcomeUnknown) => {
  const eko = await fakeEko([behaviour]);
  // A call with one path: a 404 on a call with more is the next path's turn (path-fallback.test.ts).
  const error = await failure(client(eko.baseUrl).call("levinResendOtp", ctx));
  expect(error.code).toBe("upstream_bad_response");
  expect(error.outcomeUnknown).toBe(outcomeUnknown);
});

test("a write that times out is upstream_timeout with an unknown outcome, and is not retried", async () => {
  const eko = await fakeEko([() => {}]);
  const error = await failure(
    client(eko.baseUrl, { timeoutMs: 100 }).call("levinPan", ctx, { pan_number: "ABCPE1234F" }),
  );
  expect(error).toMatchObject({ code: "upstream_timeout", outcomeUnknown: true });
  expect(eko.seen).toHaveLength(1);
});

test("a connection reset after sending leaves the outcome unknown", async () => {
  const eko = await fakeEko([(_res, req) => req.socket.destroy()]);
  const error = await failure(client(eko.baseUrl).call("levinOnboard", ctx));
  expect(error).toMatchObject({ code: "upstream_unavailable", outcomeUnknown: true });
});

test("a GET reset after sending and then refused on its retry: the outcome stays unknown", async () => {
  const eko = await fakeEko([
    (_res, req) => {
      // The first attempt may have reached Eko; then Eko goes away, so the retry is refused.
      for (const server of servers.splice(0)) server.close();
      req.socket.destroy();
    },
  ]);
  const error = await failure(client(eko.baseUrl).call("customerGet", ctx));
  expect(error).toMatchObject({ code: "upstream_unavailable", outcomeUnknown: true });
  expect(eko.seen).toHaveLength(1);
});

test("connection refused: nothing was sent, so the outcome is known", async () => {
  const eko = await fakeEko();
  for (const server of servers.splice(0)) server.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const error = await failure(client(eko.baseUrl).call("levinPan", ctx));
  expect(error).toMatchObject({ code: "upstream_unavailable", outcomeUnknown: false });
});

test("the circuit opens after repeated transport failures and then fails fast", async () => {
  const eko = await fakeEko([500, 500, 500].map((status) => ({ status, body: "" })));
  const api = client(eko.baseUrl, { breaker: { threshold: 3, openMs: 30_000 } });
  for (let i = 0; i < 3; i++) await failure(api.call("levinPan", ctx));
  expect(eko.seen).toHaveLength(3);
  const fast = await failure(api.call("levinPan", ctx));
  expect(fast.code).toBe("upstream_unavailable");
  expect(eko.seen).toHaveLength(3);
});

test("logs carry path, rail, response_type_id and latency — never the OTP, refs or tokens", async () => {
  const eko = await fakeEko();
  const sink = logSink();
  const api = client(eko.baseUrl, { logger: sink.logger });
  await verifyLevinAadhaarOtp(api, ctx, {
    otp: "482913",
    otpRefId: "REF-IN-456",
    walletToken: "eyJ.wallet",
    walletId: "PPW77",
  });
  const line = JSON.parse(sink.text().trim().split("\n")[0] ?? "{}");
  expect(line).toMatchObject({
    path: "/customer/payment/ppi-levin/sender/{customer_id}/aadhaar/otp/verify",
    rail: "levin",
    response_type_id: 2129,
    request_id: "req-1",
  });
  expect(typeof line.latency_ms).toBe("number");
  for (const secret of [
    "482913",
    "REF-IN-456",
    "REF-SECRET-123",
    "eyJ.wallet",
    "PPW77",
    "9000000001",
  ]) {
    expect(sink.text()).not.toContain(secret);
  }
});

test("no base URL yet → upstream_unavailable without a request", async () => {
  const api = createEkoClient({
    ...UAT_CREDENTIALS,
    baseUrl: () => null,
    timeoutMs: 100,
    logger: logSink().logger,
  });
  expect((await failure(api.call("levinGet", ctx))).code).toBe("upstream_unavailable");
});
