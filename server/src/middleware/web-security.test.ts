import { Writable } from "node:stream";
import { afterEach, expect, test } from "vitest";
import type { ApiError } from "../contract/errors.ts";
import { createLogger } from "../logger.ts";
import type { Db } from "../store/db.ts";
import { openStore } from "../store/open-store.ts";
import {
  addAgent,
  jsonRequest,
  signIn,
  TEST_ORIGIN,
  testApp,
  testEnv,
} from "../test-support/app.ts";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

async function setUp(vars: Record<string, string> = {}) {
  const db = await openStore({ database: { kind: "sqlite", path: ":memory:" } });
  opened.push(db);
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const { app, env } = testApp({ db, env: testEnv(vars), logger: createLogger("info", sink) });
  const { agent, password } = await addAgent(db);
  return { app, env, db, agent, password, lines };
}

const errorOf = async (response: Response) => ((await response.json()) as ApiError).error;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

test("state-changing requests from another origin, or with no Origin, are refused", async () => {
  const { app, agent, password } = await setUp();
  const body = { login: agent.login, password };

  const crossSite = await app.request(
    "/api/auth/sign-in",
    jsonRequest("POST", body, { origin: "https://evil.example" }),
  );
  expect(crossSite.status).toBe(403);
  expect(await errorOf(crossSite)).toMatchObject({ code: "csrf_rejected" });
  expect(crossSite.headers.get("set-cookie")).toBeNull();

  const noOrigin = await app.request(
    "/api/auth/sign-in",
    jsonRequest("POST", body, { origin: null }),
  );
  expect(noOrigin.status).toBe(403);
  expect(await errorOf(noOrigin)).toMatchObject({ code: "csrf_rejected" });

  // A signed-in agent's cookie does not help a forged request either.
  const cookie = await signIn(app, agent.login, password);
  const forged = await app.request(
    "/api/auth/sign-out",
    jsonRequest("POST", undefined, { cookie, origin: "http://localhost.evil.example" }),
  );
  expect(forged.status).toBe(403);
  expect((await app.request("/api/auth/me", { headers: { cookie } })).status).toBe(200);

  // Same origin is fine, and so are reads without an Origin.
  const sameOrigin = await app.request("/api/auth/sign-in", jsonRequest("POST", body));
  expect(sameOrigin.status).toBe(200);
});

test("behind a proxy, PUBLIC_ORIGIN counts as our own origin", async () => {
  const { app, agent, password } = await setUp({ PUBLIC_ORIGIN: "https://console.example.in" });
  const response = await app.request(
    "/api/auth/sign-in",
    jsonRequest("POST", { login: agent.login, password }, { origin: "https://console.example.in" }),
  );
  expect(response.status).toBe(200);
});

test("every response carries the security headers; HSTS only behind https", async () => {
  const { app, agent, password } = await setUp();
  const cookie = await signIn(app, agent.login, password);
  for (const response of [
    await app.request("/healthz"),
    await app.request("/api/auth/me", { headers: { cookie } }),
    await app.request("/api/auth/me"),
    await app.request("/no-such-page"),
  ]) {
    expect(response.headers.get("content-security-policy")).toBe(CSP);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("permissions-policy")).toBe(
      "camera=(), microphone=(), geolocation=()",
    );
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("strict-transport-security")).toBeNull();
  }
  const https = await setUp({ PUBLIC_ORIGIN: "https://console.example.in" });
  const secure = await https.app.request("/healthz");
  expect(secure.headers.get("strict-transport-security")).toBe(
    "max-age=31536000; includeSubDomains",
  );
});

test("an oversized body is refused with 413 before anything reads it", async () => {
  const { app, agent } = await setUp();
  const huge = { login: agent.login, password: "x".repeat(70 * 1024) };
  const declared = await app.request("/api/auth/sign-in", jsonRequest("POST", huge));
  expect(declared.status).toBe(413);
  expect(await errorOf(declared)).toMatchObject({ code: "payload_too_large" });

  // Chunked, with no Content-Length: counted while streaming.
  const bytes = new TextEncoder().encode(JSON.stringify(huge));
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
      controller.close();
    },
  });
  const streamed = await app.request("/api/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN },
    body: stream,
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(413);
  expect(await errorOf(streamed)).toMatchObject({ code: "payload_too_large" });
});

test("wrong content type → 415; malformed JSON → 400; both in the error shape", async () => {
  const { app, agent, password } = await setUp();
  const asText = await app.request("/api/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "text/plain", origin: TEST_ORIGIN },
    body: JSON.stringify({ login: agent.login, password }),
  });
  expect(asText.status).toBe(415);
  expect(await errorOf(asText)).toMatchObject({ code: "unsupported_media_type" });

  const broken = await app.request("/api/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN },
    body: '{"login": "x",',
  });
  expect(broken.status).toBe(400);
  expect(await errorOf(broken)).toMatchObject({ code: "bad_request" });
});

test("sandbox scenarios and reset refuse another site's pages; tools without Origin still work", async () => {
  const { app } = await setUp();
  const entry = { mobile: "9000000001", scenario: 302 };
  const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    app.request(path, {
      method,
      headers: { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const evil = { origin: "https://evil.example" };
  const refused = [
    await send("POST", "/sandbox/reset", evil),
    await send("POST", "/sandbox/scenarios", evil, entry),
    await send("DELETE", "/sandbox/scenarios", evil),
    await send("POST", "/sandbox/reset", { "sec-fetch-site": "cross-site" }),
  ];
  for (const response of refused) {
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: "csrf_rejected" });
  }
  expect(await (await app.request("/sandbox/scenarios")).json()).toEqual([]);

  expect((await send("POST", "/sandbox/scenarios", { origin: TEST_ORIGIN }, entry)).status).toBe(
    201,
  );
  expect((await send("POST", "/sandbox/scenarios", {}, entry)).status).toBe(201);
  expect(await (await app.request("/sandbox/scenarios")).json()).toHaveLength(2);
  expect((await send("DELETE", "/sandbox/scenarios", { origin: TEST_ORIGIN })).status).toBe(204);
  expect((await send("POST", "/sandbox/reset", {})).status).toBe(204);
});

test("X-Request-Id is ours: the caller's is never answered nor audited, only logged apart", async () => {
  const { app, db, agent, password, lines } = await setUp();
  const traced = await app.request("/api/auth/me", {
    headers: { "x-request-id": "edge-4f2a_91=" },
  });
  const ours = traced.headers.get("x-request-id");
  expect(ours).toMatch(/^[0-9a-f-]{36}$/);
  expect((await errorOf(traced)).requestId).toBe(ours);
  expect(lines.find((line) => line.requestId === ours)).toMatchObject({
    callerRequestId: "edge-4f2a_91=",
  });

  for (const bad of ["<script>", "a b", "x".repeat(129)]) {
    const replaced = await app.request("/api/auth/me", { headers: { "x-request-id": bad } });
    const id = replaced.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await errorOf(replaced)).requestId).toBe(id);
    expect(lines.find((line) => line.requestId === id)).not.toHaveProperty("callerRequestId");
  }

  // Two sign-ins claiming one id get two audit rows with two ids of ours.
  const claimed = { headers: { "x-request-id": "same-id" } };
  const signIns = [
    await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: agent.login, password }, claimed),
    ),
    await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: agent.login, password: "no" }, claimed),
    ),
  ];
  const audited = await db.selectFrom("audit_events").select("request_id").execute();
  expect(audited.map((row) => row.request_id).sort()).toEqual(
    signIns.map((response) => response.headers.get("x-request-id")).sort(),
  );
  expect(new Set(audited.map((row) => row.request_id)).size).toBe(2);
  expect(audited.map((row) => row.request_id)).not.toContain("same-id");
  const generated = await app.request("/healthz");
  expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  const notFound = await app.request("/nope");
  expect(notFound.status).toBe(404);
  expect(await errorOf(notFound)).toMatchObject({
    code: "not_found",
    requestId: notFound.headers.get("x-request-id"),
  });
});

test("every /api answer is Cache-Control: no-store — data, errors and refusals alike", async () => {
  const { app, db } = await setUp();
  const admin = await addAgent(db, { role: "admin" });
  const cookie = await signIn(app, admin.agent.login, admin.password);
  const answers = [
    await app.request("/api/auth/me", { headers: { cookie } }),
    await app.request("/api/activity", { headers: { cookie } }),
    await app.request("/api/agents", { headers: { cookie } }),
    await app.request("/api/activity/export.csv", { headers: { cookie } }),
    await app.request("/api/flows", jsonRequest("POST", { rail: "nope" }, { cookie })),
    await app.request("/api/flows/00000000-0000-4000-8000-000000000000", { headers: { cookie } }),
    await app.request("/api/auth/me"),
    await app.request("/api/nope", { headers: { cookie } }),
    await app.request("/api/auth/sign-in", jsonRequest("POST", { login: "x", password: "y" })),
    await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", {}, { origin: "https://evil.example" }),
    ),
    await app.request("/api/auth/sign-out", jsonRequest("POST", undefined, { cookie })),
  ];
  expect(answers.map((response) => response.status)).toEqual([
    200, 200, 200, 200, 422, 404, 401, 404, 401, 403, 204,
  ]);
  for (const response of answers) expect(response.headers.get("cache-control")).toBe("no-store");
  // The web app's own page is not personal data: it keeps its revalidating cache.
  expect((await app.request("/healthz")).headers.get("cache-control")).toBeNull();
});

test("an unexpected error is a bare 500 `internal`: logged with its stack, never sent", async () => {
  const { app, lines } = await setUp();
  app.get("/boom", () => {
    throw new Error("SELECT password_hash FROM agents exploded");
  });
  const response = await app.request("/boom");
  expect(response.status).toBe(500);
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({
    error: {
      code: "internal",
      message: "Something went wrong",
      requestId: response.headers.get("x-request-id"),
    },
  });
  expect(text).not.toContain("password_hash");
  expect(text).not.toContain("at ");
  const logged = lines.find((line) => line.msg === "unhandled error");
  expect(JSON.stringify(logged)).toContain("exploded");
});

test("each request is logged once: method, path, status, latency, ids — never the body", async () => {
  const { app, agent, password, lines } = await setUp();
  const cookie = await signIn(app, agent.login, password);
  await app.request("/api/auth/me?mobile=9876543210", {
    headers: { cookie, "x-request-id": "trace-me" },
  });
  await app.request(
    "/api/auth/sign-in",
    jsonRequest("POST", { login: agent.login, password: "wrong-and-secret" }),
  );

  const requests = lines.filter((line) => line.msg === "request");
  expect(requests).toHaveLength(3);
  expect(requests[1]).toMatchObject({
    method: "GET",
    path: "/api/auth/me",
    status: 200,
    callerRequestId: "trace-me",
    agentId: agent.id,
  });
  expect(typeof requests[1]?.latencyMs).toBe("number");
  expect(requests[2]).toMatchObject({ method: "POST", path: "/api/auth/sign-in", status: 401 });
  const everything = JSON.stringify(lines);
  for (const secret of [password, "wrong-and-secret", "9876543210", cookie.split("=")[1] ?? "-"]) {
    expect(everything).not.toContain(secret);
  }
});

test("the OpenAPI document (behind the session) describes the auth and activity routes", async () => {
  const { app, agent, password } = await setUp();
  const cookie = await signIn(app, agent.login, password);
  const response = await app.request("/api/openapi.json", { headers: { cookie } });
  expect(response.status).toBe(200);
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      "/auth/sign-in",
      "/auth/sign-out",
      "/auth/me",
      "/auth/me/language",
      "/activity",
      "/activity/export.csv",
      "/agents",
    ]),
  );
  expect(Object.keys(document.paths["/auth/me/language"] ?? {})).toEqual(["put"]);
});
