import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, expect, test } from "vitest";
import { UAT_CREDENTIALS } from "../env.ts";
import { createLogger } from "../logger.ts";
import { createEkoClient, type EkoCallContext, type EkoClient } from "./client.ts";
import { EkoTransportError } from "./errors.ts";

/*
 * Path fallback (README "Decisions", eko-api.md §9 B.0 / §10 C.0): a local
 * Eko that knows only one path family answers the other with HTTP 404.
 */

const OK = JSON.stringify({ response_status_id: 1, response_type_id: 2136, status: 2136 });
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

const LEGACY = /^\/ekoapi\/v3\/customer\/(account|profile)(\/|$)/;
const MASTER = /^\/ekoapi\/v3\/customer\/payment\//;

async function ekoKnowing(family: "master" | "legacy", firstAnswer?: { status: number }) {
  const seen: { path: string; body: string }[] = [];
  let pending = firstAnswer;
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    seen.push({ path, body });
    if (pending) {
      const { status } = pending;
      pending = undefined;
      return res.writeHead(status, { "content-type": "application/json" }).end("{}");
    }
    const known = (family === "master" ? MASTER : LEGACY).test(path);
    if (!known) {
      return res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ status: 1, message: "No mapping rule matched" }));
    }
    res.writeHead(200, { "content-type": "application/json" }).end(OK);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const eko = createEkoClient({
    baseUrl: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/ekoapi/v3`,
    developerKey: UAT_CREDENTIALS.developerKey,
    accessKey: UAT_CREDENTIALS.accessKey,
    initiatorId: UAT_CREDENTIALS.initiatorId,
    timeoutMs: 2_000,
    logger: createLogger("info", sink),
  });
  const switches = () =>
    lines.filter((line) => line.includes("eko path switched")).map((line) => JSON.parse(line));
  return { eko, seen, switches };
}

const context = { customerId: "9000000003", userCode: "20810200", requestId: "req-1" };
const verifyInput = { otp: "123456", otpRefId: "REF" };

// The requests the rail modules send (server/src/flows/<rail>.ts), made directly on the client.
const verifyLevinSenderOtp = (
  eko: EkoClient,
  ctx: EkoCallContext,
  input: { otp: string; otpRefId: string },
) =>
  eko.call("levinVerifyOtp", ctx, { otp: input.otp, otp_ref_id: input.otpRefId, intent_id: "19" });
const validateLevinAadhaar = (
  eko: EkoClient,
  ctx: EkoCallContext,
  input: { aadhaar: string; walletToken: string; walletId: string },
) =>
  eko.call("levinAadhaar", ctx, {
    aadhar: input.aadhaar,
    wallet_token: input.walletToken,
    wallet_id: input.walletId,
  });
const onboardDigikhataSender = (
  eko: EkoClient,
  ctx: EkoCallContext,
  input: { name: string; dob: string; residenceAddress: string[] },
) =>
  eko.call("digikhataOnboard", ctx, {
    name: input.name,
    dob: input.dob,
    residence_address: input.residenceAddress,
  });

test("Levin Verify Sender OTP: legacy first; on 404 the same request goes to master, which is then remembered", async () => {
  const { eko, seen, switches } = await ekoKnowing("master");
  const first = await verifyLevinSenderOtp(eko, context, verifyInput);
  expect(first.answer.responseTypeId).toBe(2136);
  expect(seen.map((request) => request.path)).toEqual([
    "/ekoapi/v3/customer/account/9000000003/ppi-levin/otp/verify",
    "/ekoapi/v3/customer/payment/ppi-levin/sender/9000000003/otp/verify",
  ]);
  expect(seen[1]?.body).toBe(seen[0]?.body);
  expect(JSON.parse(seen[1]?.body ?? "{}")).toMatchObject({ otp: "123456", intent_id: "19" });

  await verifyLevinSenderOtp(eko, context, verifyInput);
  expect(seen.slice(2).map((request) => request.path)).toEqual([
    "/ekoapi/v3/customer/payment/ppi-levin/sender/9000000003/otp/verify",
  ]);
  expect(switches()).toEqual([
    expect.objectContaining({
      eko_call: "levinVerifyOtp",
      from_family: "legacy",
      family: "master",
    }),
  ]);
});

test("Levin Verify Sender OTP against a legacy-only Eko: one request, no switch", async () => {
  const { eko, seen, switches } = await ekoKnowing("legacy");
  await verifyLevinSenderOtp(eko, context, verifyInput);
  expect(seen.map((request) => request.path)).toEqual([
    "/ekoapi/v3/customer/account/9000000003/ppi-levin/otp/verify",
  ]);
  expect(switches()).toEqual([]);
});

test("master-first calls fall back to legacy; a legacy path without {customer_id} carries it in the body", async () => {
  const { eko, seen, switches } = await ekoKnowing("legacy");
  await validateLevinAadhaar(eko, context, {
    aadhaar: "234123412346",
    walletToken: "t",
    walletId: "w",
  });
  expect(seen.map((request) => request.path)).toEqual([
    "/ekoapi/v3/customer/payment/ppi-levin/sender/9000000003/aadhaar/otp",
    "/ekoapi/v3/customer/account/9000000003/ppi-levin/aadhaar",
  ]);
  await onboardDigikhataSender(eko, context, {
    name: "Asha Kumari",
    dob: "1995-08-20",
    residenceAddress: ["12 Park Street"],
  });
  expect(seen.at(-1)?.path).toBe("/ekoapi/v3/customer/account");
  expect(JSON.parse(seen.at(-2)?.body ?? "{}").customer_id).toBeUndefined();
  expect(JSON.parse(seen.at(-1)?.body ?? "{}")).toMatchObject({
    customer_id: "9000000003",
    service_code: 80,
  });
  expect(switches().map((entry) => entry.eko_call)).toEqual(["levinAadhaar", "digikhataOnboard"]);
});

test("any failure other than 404 is not sent to the next path (a write in doubt is never resent)", async () => {
  const { eko, seen } = await ekoKnowing("master", { status: 502 });
  const error = await verifyLevinSenderOtp(eko, context, verifyInput).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EkoTransportError);
  expect(error).toMatchObject({ code: "upstream_unavailable", outcomeUnknown: true });
  expect(seen).toHaveLength(1);
});

test("404 on every path is the failure it was before", async () => {
  const { eko, seen } = await ekoKnowing("master");
  const error = await eko
    .call("levinResendOtp", context)
    .catch((caught: unknown) => caught as EkoTransportError);
  expect(error).toMatchObject({ code: "upstream_bad_response", httpStatus: 404 });
  expect(seen).toHaveLength(1);
});
