import { createHash } from "node:crypto";
import { describe, expect, onTestFinished, test } from "vitest";
import type { ApiError } from "../contract/errors.ts";
import type { Db } from "../store/db.ts";
import {
  addAgent,
  jsonRequest,
  sessionCookieFrom,
  signIn,
  testApp,
  testClock,
  testEnv,
} from "../test-support/app.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import { serveSandbox } from "../test-support/serve.ts";

const databases = setUpTestDatabases();

/** What @hono/node-server hands the app: the peer address per-IP limits count against. */
const fromIp = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

async function fiveAgents(db: Db): Promise<string[]> {
  return Promise.all(Array.from({ length: 5 }, async () => (await addAgent(db)).agent.login));
}

async function errorOf(response: Response): Promise<ApiError["error"]> {
  return ((await response.json()) as ApiError).error;
}

describe.each(engines)("sessions on %s", (engine) => {
  test("a customers-in-progress list the store cannot read never keeps the agent out (openFlows: null)", async () => {
    const db = await databases.open(engine);
    const { app, clock } = testApp({ db });
    const { agent, password } = await addAgent(db, { login: "asha" });
    await db
      .insertInto("flows")
      .values({
        id: "flow-unreadable-00000001",
        agent_id: agent.id,
        rail: "levin",
        mobile: "9876543210",
        step_json: "{not json",
        sealed_secrets: "x",
        version: 1,
        lock_owner: null,
        lock_expires_at: null,
        created_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
      })
      .execute();
    const response = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: "asha", password }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ agent: { id: agent.id }, openFlows: null });
  });

  test("the sign-in answer carries the agent's own customers in progress, masked (no second round trip)", async () => {
    const db = await databases.open(engine);
    const sandbox = await serveSandbox();
    onTestFinished(() => sandbox.close());
    // Real time: the sandbox checks the signature's timestamp.
    const { app } = testApp({
      db,
      env: testEnv({ EKO_BASE_URL: sandbox.baseUrl }),
      clock: testClock(new Date().toISOString()),
    });
    const { password } = await addAgent(db, { login: "asha" });
    const { password: otherPassword } = await addAgent(db, { login: "ravi" });
    const first = await signIn(app, "asha", password);
    const started = await app.request(
      "/api/flows",
      jsonRequest("POST", { rail: "levin", mobile: "9876543210" }, { cookie: first }),
    );
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };

    const again = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: "asha", password }),
    );
    const body = (await again.json()) as {
      openFlows: { flows: { id: string; mobileMasked: string }[] };
    };
    expect(body.openFlows.flows.map((flow) => [flow.id, flow.mobileMasked])).toEqual([
      [id, "••••••3210"],
    ]);
    expect(JSON.stringify(body)).not.toContain("9876543210");

    const other = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: "ravi", password: otherPassword }),
    );
    expect(((await other.json()) as { openFlows: { flows: unknown[] } }).openFlows.flows).toEqual(
      [],
    );
  });

  test("sign-in sets a strict HttpOnly cookie; me answers; sign-out ends the session", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db });
    const { agent, password } = await addAgent(db, { login: "asha", name: "Asha", role: "admin" });

    const response = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: " Asha ", password }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      agent: {
        id: agent.id,
        login: "asha",
        name: "Asha",
        userCode: "20810200",
        role: "admin",
        language: "en",
        mustChangePassword: false,
      },
      openFlows: { flows: [], maxAgeMinutes: 120 },
    });
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^eko_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure");
    expect(setCookie).not.toMatch(/Max-Age|Expires/);
    const cookie = sessionCookieFrom(response);

    // Only the SHA-256 of the id is stored.
    const sessionId = cookie.split("=")[1] ?? "";
    const rows = await db.selectFrom("sessions").selectAll().execute();
    expect(rows.map((r) => r.id_hash)).toEqual([
      createHash("sha256").update(sessionId).digest("hex"),
    ]);

    const me = await app.request("/api/auth/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ agent: { id: agent.id, login: "asha" } });

    const signOut = await app.request(
      "/api/auth/sign-out",
      jsonRequest("POST", undefined, { cookie }),
    );
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get("set-cookie")).toMatch(/^eko_session=;.*Max-Age=0/);
    expect(await db.selectFrom("sessions").selectAll().execute()).toHaveLength(0);

    const after = await app.request("/api/auth/me", { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toMatchObject({
      code: "unauthenticated",
      details: { reason: "no-session" },
    });
  });

  test("behind https the cookie is Secure and __Host- prefixed", async () => {
    const db = await databases.open(engine);
    const env = testEnv({ PUBLIC_ORIGIN: "https://console.example.in" });
    const { app } = testApp({ db, env });
    const { agent, password } = await addAgent(db);
    const response = await app.request(
      "/api/auth/sign-in",
      jsonRequest(
        "POST",
        { login: agent.login, password },
        { origin: "https://console.example.in" },
      ),
    );
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^__Host-eko_session=/);
    expect(setCookie).toContain("Secure");
    const me = await app.request("/api/auth/me", {
      headers: { cookie: sessionCookieFrom(response) },
    });
    expect(me.status).toBe(200);
  });

  test("every sign-in issues a new session id and deletes the one presented", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db });
    const { agent, password } = await addAgent(db);
    const first = await signIn(app, agent.login, password);
    const again = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: agent.login, password }, { cookie: first }),
    );
    const second = sessionCookieFrom(again);
    expect(second).not.toBe(first);
    expect((await app.request("/api/auth/me", { headers: { cookie: first } })).status).toBe(401);
    expect((await app.request("/api/auth/me", { headers: { cookie: second } })).status).toBe(200);
    expect(await db.selectFrom("sessions").selectAll().execute()).toHaveLength(1);
  });

  test("a session ends after 15 idle minutes, and the 401 says so", async () => {
    const db = await databases.open(engine);
    const { app, clock } = testApp({ db });
    const { agent, password } = await addAgent(db);
    const cookie = await signIn(app, agent.login, password);
    const me = () => app.request("/api/auth/me", { headers: { cookie } });

    clock.advance(14 * 60);
    expect((await me()).status).toBe(200); // activity restarts the idle clock
    clock.advance(14 * 60);
    expect((await me()).status).toBe(200);
    clock.advance(15 * 60);
    const idle = await me();
    expect(idle.status).toBe(401);
    expect(await errorOf(idle)).toMatchObject({
      code: "unauthenticated",
      details: { reason: "idle-timeout" },
    });
    expect(idle.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await errorOf(await me())).toMatchObject({ details: { reason: "no-session" } });
  });

  test("a busy session still ends 12 hours after sign-in", async () => {
    const db = await databases.open(engine);
    const { app, clock } = testApp({ db });
    const { agent, password } = await addAgent(db);
    const cookie = await signIn(app, agent.login, password);
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      clock.advance(10 * 60);
      const response = await app.request("/api/auth/me", { headers: { cookie } });
      expect(response.status).toBe(200);
    }
    clock.advance(10 * 60);
    const expired = await app.request("/api/auth/me", { headers: { cookie } });
    expect(await errorOf(expired)).toMatchObject({ details: { reason: "expired" } });
  });

  test("every /api route but sign-in needs a session", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db });
    const requests: Array<[string, RequestInit]> = [
      ["/api/auth/me", {}],
      ["/api/auth/sign-out", jsonRequest("POST")],
      ["/api/auth/me/language", jsonRequest("PUT", { language: "hi" })],
      ["/api/activity", {}],
      ["/api/activity/export.csv", {}],
      ["/api/agents", {}],
      ["/api/openapi.json", {}],
      ["/api/flows", jsonRequest("POST", { rail: "levin", mobile: "9876543210" })],
      ["/api/no-such-route", {}],
    ];
    for (const [path, init] of requests) {
      const response = await app.request(path, init);
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
      const error = await errorOf(response);
      expect(error).toMatchObject({ code: "unauthenticated", details: { reason: "no-session" } });
      expect(error.requestId).toBe(response.headers.get("x-request-id"));
    }
    const forged = await app.request("/api/auth/me", { headers: { cookie: "eko_session=forged" } });
    expect(forged.status).toBe(401);
  });

  test("a disabled agent cannot sign in, and their open session stops working", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db });
    const { agent, password } = await addAgent(db);
    const cookie = await signIn(app, agent.login, password);
    // Disabled behind the app's back (another instance, a SQL prompt): the session check still refuses.
    await db.updateTable("agents").set({ disabled: 1 }).where("id", "=", agent.id).execute();

    const me = await app.request("/api/auth/me", { headers: { cookie } });
    expect(await errorOf(me)).toMatchObject({
      code: "unauthenticated",
      details: { reason: "disabled" },
    });

    const right = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: agent.login, password }),
    );
    expect(right.status).toBe(401);
    expect(right.headers.get("set-cookie")).toBeNull();
    expect(await errorOf(right)).toMatchObject({ details: { reason: "disabled" } });
    const wrong = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: agent.login, password: "wrong-password" }),
    );
    expect(await errorOf(wrong)).toMatchObject({ details: { reason: "bad-credentials" } });
  });

  test("five wrong passwords lock the login for 15 minutes, right password included", async () => {
    const db = await databases.open(engine);
    const { app, clock } = testApp({ db });
    const { agent, password } = await addAgent(db);
    const attempt = (pw: string) =>
      app.request("/api/auth/sign-in", jsonRequest("POST", { login: agent.login, password: pw }));

    for (let i = 0; i < 5; i++) {
      const response = await attempt(`wrong-${i}`);
      expect(response.status).toBe(401);
      // The agent is warned before the lock: 4 tries left, 3, … 0 (issue #15 §4).
      expect(await errorOf(response)).toMatchObject({
        code: "unauthenticated",
        details: { reason: "bad-credentials", triesLeft: 4 - i },
      });
      clock.advance(10);
    }
    const locked = await attempt(password);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("890");
    expect(await errorOf(locked)).toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: 890 },
    });
    // Another login from the same place is not locked.
    const other = await addAgent(db);
    expect(
      (
        await app.request(
          "/api/auth/sign-in",
          jsonRequest("POST", { login: other.agent.login, password: other.password }),
        )
      ).status,
    ).toBe(200);

    clock.advance(890);
    expect((await attempt(password)).status).toBe(200);

    const audit = await db
      .selectFrom("audit_events")
      .select(["outcome", "detail"])
      .where("agent_id", "=", agent.id)
      .orderBy("at")
      .execute();
    expect(audit.map((row) => `${row.outcome}:${row.detail ?? ""}`)).toEqual([
      ...Array(5).fill("failure:bad_password"),
      "failure:locked",
      "success:",
    ]);
  });

  test("twenty failures from one IP refuse further sign-ins from it, not from others", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db });
    const { agent, password } = await addAgent(db);
    const attempt = (login: string, pw: string, ip: string) =>
      app.request("/api/auth/sign-in", jsonRequest("POST", { login, password: pw }), fromIp(ip));

    // Four misses on each of five logins: no per-login lock, twenty failures for the IP.
    for (const other of await fiveAgents(db)) {
      for (let i = 0; i < 4; i++) {
        expect((await attempt(other, "wrong-password", "203.0.113.7")).status).toBe(401);
      }
    }
    const refused = await attempt(agent.login, password, "203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await attempt(agent.login, password, "198.51.100.1")).status).toBe(200);
  });

  test("with TRUST_PROXY the last X-Forwarded-For hop is the client", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db, env: testEnv({ TRUST_PROXY: "true" }) });
    const { agent, password } = await addAgent(db);
    const logins = await fiveAgents(db);
    // The client-supplied first hop changes every time; our proxy's hop does not.
    for (let i = 0; i < 20; i++) {
      const miss = await app.request(
        "/api/auth/sign-in",
        jsonRequest(
          "POST",
          { login: logins[i % 5], password: "wrong-password" },
          { headers: { "x-forwarded-for": `10.0.0.${i}, 203.0.113.9` } },
        ),
        fromIp("127.0.0.1"),
      );
      expect(miss.status).toBe(401);
    }
    const refused = await app.request(
      "/api/auth/sign-in",
      jsonRequest(
        "POST",
        { login: agent.login, password },
        { headers: { "x-forwarded-for": "203.0.113.9" } },
      ),
      fromIp("127.0.0.1"),
    );
    expect(refused.status).toBe(429);
    const elsewhere = await app.request(
      "/api/auth/sign-in",
      jsonRequest(
        "POST",
        { login: agent.login, password },
        { headers: { "x-forwarded-for": "203.0.113.10" } },
      ),
      fromIp("127.0.0.1"),
    );
    expect(elsewhere.status).toBe(200);
  });

  test("the agent's language is remembered across sessions", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db });
    const { agent, password } = await addAgent(db);
    const cookie = await signIn(app, agent.login, password);

    const set = await app.request(
      "/api/auth/me/language",
      jsonRequest("PUT", { language: "hi" }, { cookie }),
    );
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ agent: { language: "hi" } });

    const bad = await app.request(
      "/api/auth/me/language",
      jsonRequest("PUT", { language: "fr" }, { cookie }),
    );
    expect(bad.status).toBe(422);
    expect(await errorOf(bad)).toMatchObject({
      code: "validation_failed",
      details: { fields: { language: "invalid" } },
    });

    const later = await signIn(app, agent.login, password);
    const me = await app.request("/api/auth/me", { headers: { cookie: later } });
    expect(await me.json()).toMatchObject({ agent: { language: "hi" } });
  });

  test("sign-in validates its body and audits success, failure and sign-out", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db });
    const { agent, password } = await addAgent(db);

    const missing = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: agent.login }),
    );
    expect(missing.status).toBe(422);
    expect(await errorOf(missing)).toMatchObject({
      code: "validation_failed",
      details: { fields: { password: "password_required" } },
    });

    const unknown = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login: "no-such-agent", password: "whatever-it-is" }),
    );
    expect(unknown.status).toBe(401);
    expect(await errorOf(unknown)).toMatchObject({
      message: "Login or password is incorrect",
      details: { reason: "bad-credentials" },
    });

    const cookie = await signIn(app, agent.login, password);
    await app.request("/api/auth/sign-out", jsonRequest("POST", undefined, { cookie }));

    const rows = await db
      .selectFrom("audit_events")
      .select(["agent_id", "action", "outcome", "detail", "request_id"])
      .orderBy("at")
      .orderBy("action")
      .execute();
    expect(rows.map(({ request_id: _, ...row }) => row)).toEqual([
      { agent_id: "unknown", action: "sign-in", outcome: "failure", detail: "unknown_login" },
      { agent_id: agent.id, action: "sign-in", outcome: "success", detail: null },
      { agent_id: agent.id, action: "sign-out", outcome: "success", detail: null },
    ]);
    for (const row of rows) expect(row.request_id).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing secret in the trail.
    expect(JSON.stringify(rows)).not.toContain(password);
    expect(JSON.stringify(rows)).not.toContain("whatever-it-is");
  });
});
